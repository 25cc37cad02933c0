import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAzurite } from "../../../sandbox/azurite.js";
import { startTestTenant } from "../../graph/support/sandbox.js";

/**
 * A sandbox tenant and an Azurite of their own, with the environment variables that configure
 * them as a real tenant and storage account: the CLI then runs its production path against them.
 */
export async function startConfiguredTenant(name: string) {
  const tenant = await startTestTenant();
  const workDir = await mkdtemp(path.join(os.tmpdir(), `${name}-`));
  const azurite = await startAzurite({ dataDir: path.join(workDir, "azurite"), tablePort: 0, inMemory: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: path.join(workDir, "data"),
    AZURE_TENANT_ID: tenant.tenant.tenantId,
    AZURE_CLIENT_ID: tenant.tenant.clientId,
    AZURE_CLIENT_SECRET: tenant.tenant.clientSecret,
    AZURE_AUTHORITY_HOST: tenant.tenant.url,
    GRAPH_BASE_URL: tenant.tenant.url,
    TOKEN_SECRET_KEY: randomBytes(32).toString("base64"),
    TABLES_CONNECTION_STRING: azurite.connectionString,
  };

  return {
    tenant,
    workDir,
    env,
    async stop() {
      await azurite.close();
      await tenant.stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

export type ConfiguredTenant = Awaited<ReturnType<typeof startConfiguredTenant>>;
