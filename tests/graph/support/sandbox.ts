import os from "node:os";
import path from "node:path";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { vi } from "vitest";
import { projectRoot } from "../../../inventory/config.js";
import { createGraphGateway, type CreateGraphGatewayParams } from "../../../inventory/graph/createGraphGateway.js";
import type { GraphClientGateway } from "../../../inventory/graph/GraphClientGateway.js";
import { startSandboxTenant, type SandboxKnobsUpdate, type SandboxTenant } from "../../../sandbox/tenant/index.js";

/** Users of the sample directory that the tests name. */
export const users = {
  ada: { id: "00000000-0000-4000-8000-000000000001", upn: "ada.alvarez@northwind.example" },
  bruno: { id: "00000000-0000-4000-8000-000000000002", upn: "bruno.alvarez@northwind.example" },
  chloe: { id: "00000000-0000-4000-8000-000000000003", upn: "chloe.alvarez@northwind.example" },
  dmitri: { id: "00000000-0000-4000-8000-000000000004", upn: "dmitri.alvarez@northwind.example" },
  guest: { id: "00000000-0000-4000-8000-000000000101", upn: "alex_fabrikam.example#EXT#@northwind.example" },
  danONeil: { id: "00000000-0000-4000-8000-000000000102", upn: "dan.o'neil@northwind.example" },
} as const;

/** A sandbox tenant in its own temp folder, trusted through the CA that the global setup made. */
export interface TestTenant {
  tenant: SandboxTenant;
  /** A gateway through the real credential over HTTPS; retries start at 50 ms to keep tests short. */
  gateway(overrides?: Partial<CreateGraphGatewayParams>): GraphClientGateway;
  stop(): Promise<void>;
}

/**
 * Starts a sandbox tenant on a free port. Its data folder gets a copy of the shared test
 * certificate, because workers trust only that CA (NODE_EXTRA_CA_CERTS is read at process start).
 */
export async function startTestTenant(knobs?: SandboxKnobsUpdate): Promise<TestTenant> {
  const sharedDir = process.env.TEST_SANDBOX_DATA_DIR;
  if (!sharedDir) throw new Error("TEST_SANDBOX_DATA_DIR is not set: run the tests through vitest, whose global setup creates the certificate.");

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "graph-gateway-test-"));
  for (const file of ["ca.crt", "server.crt", "server.key"]) await copyFile(path.join(sharedDir, file), path.join(dataDir, file));

  const tenant = await startSandboxTenant({
    dataDir,
    directoryPath: path.join(projectRoot, "samples", "directory.json"),
    port: 0,
    knobs,
  });

  return {
    tenant,
    gateway: (overrides = {}) =>
      createGraphGateway({
        tenantId: tenant.tenantId,
        clientId: tenant.clientId,
        clientSecret: tenant.clientSecret,
        authorityHost: tenant.url,
        graphBaseUrl: tenant.url,
        ...overrides,
        retry: { baseDelayMs: 50, ...overrides.retry },
      }),
    stop: async () => {
      await tenant.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request that the Graph client passed to fetch. */
export interface RecordedRequest {
  method: string;
  url: string;
  body?: string;
}

/**
 * Records every fetch call (the Graph client's transport; the credential uses its own HTTP stack).
 * `rewrite` may replace a response before the gateway reads it.
 */
export function recordFetch(rewrite?: (request: RecordedRequest, response: Response) => Promise<Response>) {
  const realFetch = globalThis.fetch;
  const requests: RecordedRequest[] = [];

  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    let url: string;
    if (typeof input === "string") url = input;
    else if (input instanceof URL) url = input.href;
    else url = input.url;
    const request: RecordedRequest = {
      method: (init?.method ?? "GET").toUpperCase(),
      url,
      body: typeof init?.body === "string" ? init.body : undefined,
    };
    requests.push(request);

    const response = await realFetch(input, init);
    return rewrite ? rewrite(request, response) : response;
  });

  return { requests, restore: () => spy.mockRestore() };
}

/** Device fields for a create request; serial numbers must be unique per tenant. */
export function deviceParams(serialNumber: string, secretKey = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA") {
  return {
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    secretKey,
    timeIntervalInSeconds: 30 as const,
    hashFunction: "hmacsha1" as const,
  };
}
