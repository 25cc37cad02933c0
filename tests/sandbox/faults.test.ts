import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { appToken, graph, startTestTenant } from "./helpers.js";

describe("sandbox fault knobs", () => {
  let tenant: SandboxTenant;
  let token: string;

  beforeAll(async () => {
    tenant = await startTestTenant();
    token = await appToken(tenant);
  });

  afterEach(async () => {
    await fetch(`${tenant.url}/_sandbox/knobs`, {
      method: "POST",
      body: JSON.stringify({ throttle: { requestsPerSecond: null }, failures503: { every: null }, latencyMs: 0 }),
    });
    tenant.resetStats();
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("throttles beyond the budget with 429 and Retry-After", async () => {
    tenant.knobs.throttle = { requestsPerSecond: 3, retryAfterSeconds: 2 };

    const responses = await Promise.all(Array.from({ length: 6 }, () => graph(tenant, token, "GET", "/v1.0/users?$top=1")));
    const throttled = responses.filter((response) => response.status === 429);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(3);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]!.headers.get("retry-after")).toBe("2");
    expect(throttled[0]!.body.error.code).toBe("TooManyRequests");
    expect(tenant.stats().throttled).toBe(3);
  });

  it("does not throttle the token endpoint", async () => {
    tenant.knobs.throttle = { requestsPerSecond: 1, retryAfterSeconds: 1 };
    await graph(tenant, token, "GET", "/v1.0/users?$top=1");

    await expect(appToken(tenant)).resolves.toMatch(/^ey/);
  });

  it("injects a 503 with Retry-After on every Nth Graph request", async () => {
    await fetch(`${tenant.url}/_sandbox/knobs`, { method: "POST", body: JSON.stringify({ failures503: { every: 2, retryAfterSeconds: 3 } }) });

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 4; index++) {
      const response = await graph(tenant, token, "GET", "/v1.0/users?$top=1");
      statuses.push(response.status);
      if (response.status === 503) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    expect(retryAfter).toBe("3");
    expect(tenant.stats().injected503).toBe(2);
  });

  it("delays Graph responses by latencyMs", async () => {
    tenant.knobs.latencyMs = 200;

    const started = performance.now();
    await graph(tenant, token, "GET", "/v1.0/users?$top=1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("reads and validates knobs over HTTP", async () => {
    const read = await (await fetch(`${tenant.url}/_sandbox/knobs`)).json();
    expect(read.pageSize).toBe(100);
    expect(read.driftWindowSteps).toBeNull();

    const invalid = await fetch(`${tenant.url}/_sandbox/knobs`, { method: "POST", body: JSON.stringify({ pageSize: 0 }) });
    expect(invalid.status).toBe(400);
    const unknown = await fetch(`${tenant.url}/_sandbox/knobs`, { method: "POST", body: JSON.stringify({ colour: "blue" }) });
    expect(unknown.status).toBe(400);
  });

  it("counts requests per route", async () => {
    await graph(tenant, token, "GET", "/v1.0/users?$top=1");
    await graph(tenant, token, "GET", "/v1.0/users/nobody@northwind.example");

    const stats = await (await fetch(`${tenant.url}/_sandbox/stats`)).json();
    expect(stats.byRoute["GET /v1.0/users"]).toBe(1);
    expect(stats.byRoute["GET /v1.0/users/{user}"]).toBe(1);
  });
});
