import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { verifyGraphToken } from "./accessTokens.js";
import type { TenantContext } from "./context.js";
import { tenantNotFound } from "./entraErrors.js";
import { GraphError, graphErrorBody, insufficientPrivileges } from "./errors.js";
import { readRequest, writeResponse, type SandboxRequest, type SandboxResponse } from "./http.js";
import { cloudRoutes, matchRoute, type Route, type RouteParams } from "./routes.js";
import { sandboxRoutes } from "./sandboxRoutes.js";
import type { StatsCounter } from "./stats.js";
import { FailureInjector, RequestBudget } from "./throttle.js";

/** Parts of the tenant the router needs besides the route context. */
export interface RouterOptions {
  context: TenantContext;
  stats: StatsCounter;
  logger: Logger;
}

const graphRoots = new Set(["beta", "v1.0"]);

/**
 * Creates the HTTPS request listener of the sandbox tenant. Graph requests pass, in order, the
 * latency knob, injected 503s, the request budget, the bearer token check and the permission
 * check before their handler runs.
 */
export function createRouter(options: RouterOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { context, stats, logger } = options;
  const routes: Route[] = [...sandboxRoutes(stats), ...cloudRoutes];
  const budget = new RequestBudget();
  const failures = new FailureInjector();

  async function dispatch(request: SandboxRequest): Promise<SandboxResponse> {
    const isGraph = graphRoots.has(request.segments[0] ?? "");
    const match = matchRoute(routes, request.method, request.segments);
    const routeKey = match.kind === "found" ? `${request.method} ${match.route.template}` : `${request.method} (no route)`;
    stats.request(routeKey);

    if (isGraph) await admitGraphRequest();

    if (match.kind === "wrongMethod") throw new GraphError(405, "Request_BadRequest", `The method ${request.method} is not allowed on ${match.template}.`);
    if (match.kind === "none") {
      throw new GraphError(isGraph ? 400 : 404, isGraph ? "BadRequest" : "NotFound", `Resource not found for the segment '${request.url.pathname}'.`);
    }

    const { route, params } = match;
    if (route.group === "entra" && params.tenant?.toLowerCase() !== context.app.tenantId.toLowerCase()) {
      return tenantNotFound(request, params.tenant ?? "");
    }
    if (route.group === "graph") await authorize(request, route);
    return route.handle(context, request, params as RouteParams);
  }

  async function admitGraphRequest(): Promise<void> {
    const { knobs } = context;
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);

    if (failures.shouldFail(knobs)) {
      stats.injected503();
      const retryAfter = String(knobs.failures503.retryAfterSeconds);
      throw new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Retry after the Retry-After delay.", { "Retry-After": retryAfter });
    }
    if (!budget.admit(knobs)) {
      stats.throttled();
      const retryAfter = String(knobs.throttle.retryAfterSeconds);
      throw new GraphError(429, "TooManyRequests", "Too many requests. Retry after the Retry-After delay.", { "Retry-After": retryAfter });
    }
  }

  async function authorize(request: SandboxRequest, route: Route): Promise<void> {
    const header = request.headers.authorization;
    const caller = await verifyGraphToken(context, typeof header === "string" ? header : undefined);
    if (route.permissions && !route.permissions.some((permission) => caller.roles.includes(permission))) throw insufficientPrivileges();
  }

  return (incoming, outgoing) => {
    void (async () => {
      let request: Pick<SandboxRequest, "requestId" | "clientRequestId"> = { requestId: "", clientRequestId: "" };
      try {
        const parsed = await readRequest(incoming, context.url);
        request = parsed;
        writeResponse(outgoing, request, await dispatch(parsed));
      } catch (error) {
        if (!(error instanceof GraphError)) {
          logger.error({ err: error, method: incoming.method, path: incoming.url?.split("?")[0] }, "sandbox tenant request failed");
        }
        const graphError = error instanceof GraphError ? error : new GraphError(500, "generalException", "The sandbox tenant failed to process the request. See its log.");
        if (!outgoing.headersSent) {
          writeResponse(outgoing, request, { status: graphError.status, headers: graphError.headers, body: graphErrorBody(graphError, request.requestId, request.clientRequestId) });
        }
      }
    })();
  };
}
