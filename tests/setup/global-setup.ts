import path from "node:path";
import { mkdirSync } from "node:fs";
import { ensureSandboxCertificate } from "../../sandbox/tenant/certificate.js";
import { startAzurite, type AzuriteProcess } from "../../sandbox/azurite.js";

/** Root of files that the test run writes; removed and recreated by each run. */
export const testDataRoot = path.resolve(import.meta.dirname, "..", "..", ".data", "test");

let azurite: AzuriteProcess | undefined;

/**
 * Prepares what every test file shares: the sandbox tenant's certificate, trusted through
 * NODE_EXTRA_CA_CERTS (read by each forked worker at start), and one Azurite on a free port.
 */
export async function setup(): Promise<void> {
  mkdirSync(testDataRoot, { recursive: true });

  const certificate = await ensureSandboxCertificate(path.join(testDataRoot, "sandbox"));
  process.env.NODE_EXTRA_CA_CERTS = certificate.caCertificatePath;
  process.env.TEST_SANDBOX_DATA_DIR = path.join(testDataRoot, "sandbox");

  azurite = await startAzurite({ dataDir: path.join(testDataRoot, "azurite"), tablePort: 0, inMemory: true });
  process.env.TEST_TABLES_CONNECTION_STRING = azurite.connectionString;
}

export async function teardown(): Promise<void> {
  await azurite?.close();
}
