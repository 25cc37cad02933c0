import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGraphCredential, readGrantedRoles } from "../../inventory/graph/credential.js";
import { defaultGrantedRoles } from "../../sandbox/tenant/index.js";
import { deviceParams, startTestTenant, users, type TestTenant } from "./support/sandbox.js";

let sandbox: TestTenant;

beforeAll(async () => {
  sandbox = await startTestTenant();
});

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(() => {
  const { knobs } = sandbox.tenant;
  knobs.throttle.requestsPerSecond = null;
  knobs.throttle.retryAfterSeconds = 1;
  knobs.failures503.every = null;
  knobs.grantedRoles = [...defaultGrantedRoles];
});

describe("GraphClientGateway retries", () => {
  it("waits out 429 with Retry-After", async () => {
    const graph = sandbox.gateway();
    await graph.getUser(users.ada.id); // fetches the token before the clock starts
    sandbox.tenant.knobs.throttle.requestsPerSecond = 5;
    graph.resetStats();

    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => graph.getUser(users.ada.id)));
    const elapsedMs = Date.now() - started;

    expect(results.every((user) => user?.id === users.ada.id)).toBe(true);
    const stats = graph.stats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.retries).toBeGreaterThanOrEqual(stats.throttled);
    expect(stats.requests).toBe(20 + stats.retries);
    // 20 calls at 5 per second need at least three further one-second windows.
    expect(elapsedMs).toBeGreaterThanOrEqual(2900);
  });

  it("reports throttled after the last attempt", async () => {
    const graph = sandbox.gateway({ retry: { maxAttempts: 2 } });
    await graph.getUser(users.ada.id);
    sandbox.tenant.knobs.throttle = { requestsPerSecond: 1, retryAfterSeconds: 0 };

    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => graph.getUser(users.ada.id)));

    const failures = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason as { code: string; httpStatus: number });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((failure) => failure.code === "throttled" && failure.httpStatus === 429)).toBe(true);
  });

  it("retries an injected 503", async () => {
    const graph = sandbox.gateway();
    sandbox.tenant.knobs.failures503 = { every: 2, retryAfterSeconds: 0 };

    const found = await Promise.all([users.ada, users.bruno, users.chloe, users.dmitri].map((user) => graph.findUserByUpn(user.upn)));

    expect(found.map((user) => user?.id)).toEqual([users.ada.id, users.bruno.id, users.chloe.id, users.dmitri.id]);
    expect(graph.stats().retries).toBeGreaterThan(0);
    expect(sandbox.tenant.stats().injected503).toBeGreaterThan(0);
  });

  it("reports unavailable after repeated 503", async () => {
    const graph = sandbox.gateway({ retry: { maxAttempts: 3 } });
    sandbox.tenant.knobs.failures503 = { every: 1, retryAfterSeconds: 0 };

    await expect(graph.getUser(users.ada.id)).rejects.toMatchObject({ code: "unavailable", httpStatus: 503 });
    expect(graph.stats()).toMatchObject({ requests: 3, retries: 2 });
  });
});

describe("GraphClientGateway authentication", () => {
  it("reads granted roles from the token", async () => {
    const roles = await sandbox.gateway().grantedPermissions();

    expect(roles.sort()).toEqual([...defaultGrantedRoles].sort());
  });

  it("names the missing permission", async () => {
    sandbox.tenant.knobs.grantedRoles = ["User.Read.All", "UserAuthenticationMethod.ReadWrite.All"];
    const graph = sandbox.gateway();

    const creation = graph.createDevice(deviceParams("71000001"));

    await expect(creation).rejects.toMatchObject({ code: "permissionDenied", httpStatus: 403, graphCode: "Authorization_RequestDenied" });
    await expect(creation).rejects.toThrow(
      "Graph denied creating a hardware OATH token: grant the application permission Policy.ReadWrite.AuthenticationMethod and admin consent.",
    );
  });

  it("hides a wrong client secret", async () => {
    const wrongSecret = "wrong-secret-value-1234567890";
    const graph = sandbox.gateway({ clientSecret: wrongSecret });

    const lookup = graph.getUser(users.ada.id);

    await expect(lookup).rejects.toMatchObject({ code: "authenticationFailed" });
    const error = (await lookup.catch((failure: unknown) => failure)) as Error;
    expect(error.message).toContain("AZURE_CLIENT_SECRET");
    expect(error.message).toContain("AADSTS7000215");
    expect(inspect(error, { depth: 10 })).not.toContain(wrongSecret);
    expect(inspect(error, { depth: 10 })).not.toContain(sandbox.tenant.clientSecret);
    expect(graph.stats().requests).toBe(0);
  });

  it("keeps the credential on its authority", async () => {
    const credential = createGraphCredential({
      tenantId: sandbox.tenant.tenantId,
      clientId: sandbox.tenant.clientId,
      clientSecret: sandbox.tenant.clientSecret,
      authorityHost: sandbox.tenant.url,
    });

    // Under the network guard, instance discovery against login.microsoftonline.com would fail this call.
    expect(await readGrantedRoles(credential)).toContain("User.Read.All");
  });
});
