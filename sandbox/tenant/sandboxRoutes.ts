import type { TenantContext } from "./context.js";
import { toSnapshot } from "./deviceShape.js";
import { badRequest } from "./errors.js";
import { jsonBody, type SandboxResponse } from "./http.js";
import { applyKnobsUpdate, knobsUpdateSchema } from "./knobs.js";
import type { Route } from "./routes.js";
import { issueSignInToken } from "./signin.js";
import type { StatsCounter } from "./stats.js";

/**
 * Control routes under `/_sandbox` for tests and local runs: knobs, stats, device snapshots
 * (never seeds) and user sign-in tokens. They need no token, because the server listens on
 * 127.0.0.1 only.
 */
export function sandboxRoutes(stats: StatsCounter): Route[] {
  return [
    { method: "GET", template: "/_sandbox/knobs", group: "sandbox", handle: (context) => ({ status: 200, body: context.knobs }) },
    {
      method: "POST",
      template: "/_sandbox/knobs",
      group: "sandbox",
      handle: (context, request): SandboxResponse => {
        const parsed = knobsUpdateSchema.safeParse(jsonBody(request));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw badRequest(`The knob update is invalid at '${issue?.path.join(".")}': ${issue?.message}`, "BadRequest");
        }
        return { status: 200, body: applyKnobsUpdate(context.knobs, parsed.data) };
      },
    },
    { method: "GET", template: "/_sandbox/stats", group: "sandbox", handle: () => ({ status: 200, body: stats.snapshot() }) },
    {
      method: "POST",
      template: "/_sandbox/stats/reset",
      group: "sandbox",
      handle: () => {
        stats.reset();
        return { status: 204 };
      },
    },
    { method: "GET", template: "/_sandbox/devices", group: "sandbox", handle: (context) => ({ status: 200, body: { value: snapshots(context) } }) },
    { method: "POST", template: "/_sandbox/signin", group: "sandbox", handle: async (context, request) => ({ status: 200, body: await issueSignInToken(context, jsonBody(request)) }) },
  ];
}

function snapshots(context: TenantContext) {
  return context.devices.all().map((device) => toSnapshot(context, device));
}
