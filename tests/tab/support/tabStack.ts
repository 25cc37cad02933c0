import os from "node:os";
import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import restify from "restify";
import { loadConfig } from "../../../inventory/config.js";
import { createInventory, type InventoryParts } from "../../../inventory/index.js";
import { createLogger } from "../../../inventory/logger.js";
import { registerTabApi, type TabAuthOptions } from "../../../tab/api/index.js";
import type { SignInRequest } from "../../../sandbox/tenant/index.js";
import { startTestTenant, users, type TestTenant } from "../../graph/support/sandbox.js";
import { testConnectionString, uniquePrefix } from "../../storage/openStores.js";

export { users };

/** Audience that the test stack's tab API accepts. */
export const tabAudience = "api://127.0.0.1/token-inventory-test";

/** Options of {@link startTabStack}. */
export interface TabStackOptions {
  /** Changes to the auth options that the tab API gets. */
  auth?: Partial<TabAuthOptions>;
}

/** A response of the tab API with its body read as text and, when possible, as JSON. */
export interface TabApiResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/**
 * Starts the tab API over real parts: a restify server on 127.0.0.1 with registerTabApi and the
 * token service on Azurite tables with a unique prefix. The sandbox tenant, over HTTPS, serves the
 * Graph calls and issues the user tokens that the API validates.
 */
export async function startTabStack(options: TabStackOptions = {}) {
  const testTenant: TestTenant = await startTestTenant();
  const { tenant } = testTenant;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tab-api-test-"));
  const config = loadConfig({ DATA_DIR: dataDir, IMPORT_CONCURRENCY: "4" });
  const logger = createLogger("tab-test");

  const inventory: InventoryParts = await createInventory(
    config,
    {
      tablesConnectionString: testConnectionString(),
      tenant: { authorityHost: tenant.url, graphBaseUrl: tenant.url, tenantId: tenant.tenantId, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
      tablePrefix: uniquePrefix("tab"),
    },
    logger,
  );

  const server = restify.createServer({ name: "tab-api-test", handleUncaughtExceptions: false });
  registerTabApi(server, {
    inventory,
    logger,
    auth: { tenantId: tenant.tenantId, authorityHost: tenant.url, audience: tabAudience, sandboxUrl: tenant.url, ...options.auth },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Gets a token from the sandbox tenant, as Teams SSO would hand one to the tab. */
  const signIn = async (userPrincipalName: string, overrides?: SignInRequest["overrides"]) =>
    (await tenant.signIn({ userPrincipalName, audience: tabAudience, overrides })).accessToken;

  /** Sends a request to the tab API. */
  const request = async (
    method: string,
    pathAndQuery: string,
    init: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<TabApiResult> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${url}${pathAndQuery}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  return {
    url,
    tenant,
    inventory,
    signIn,
    request,
    async stop() {
      server.close();
      await inventory.close();
      await testTenant.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A running tab stack. */
export type TabStack = Awaited<ReturnType<typeof startTabStack>>;
