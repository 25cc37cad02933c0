import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../inventory/config.js";
import { createInventory } from "../../inventory/index.js";
import { createLogger } from "../../inventory/logger.js";
import { startAzurite } from "../../sandbox/azurite.js";
import { startSandboxTenant } from "../../sandbox/tenant/index.js";
import { generateCsv, generateDirectory } from "../support/testData.js";

/**
 * One benchmark phase in its own process (so that its peak memory is its own): imports generated
 * tokens in activate mode against a sandbox tenant with latency and a request budget, and prints
 * one JSON line of figures. Arguments: <count> <concurrency> <sandboxDataDir>.
 */
const [countArgument, concurrencyArgument, sandboxDir] = process.argv.slice(2);
const count = Number(countArgument ?? 1000);
const concurrency = Number(concurrencyArgument ?? 8);
const latencyMs = 50;
const requestsPerSecond = 40;

const workDir = mkdtempSync(path.join(os.tmpdir(), "token-bench-"));
const directoryPath = path.join(workDir, "directory.json");
const users = generateDirectory(40);
writeFileSync(directoryPath, JSON.stringify(users));

const azurite = await startAzurite({ dataDir: path.join(workDir, "azurite"), tablePort: 0, inMemory: true });
const tenant = await startSandboxTenant({
  dataDir: sandboxDir!,
  directoryPath,
  port: 0,
  knobs: { latencyMs, throttle: { requestsPerSecond, retryAfterSeconds: 1 } },
});

try {
  const config = { ...loadConfig({ DATA_DIR: workDir, IMPORT_CONCURRENCY: String(concurrency) }) };
  const inventory = await createInventory(
    config,
    {
      tablesConnectionString: azurite.connectionString,
      tenant: { authorityHost: tenant.url, graphBaseUrl: tenant.url, tenantId: tenant.tenantId, clientId: tenant.clientId, clientSecret: tenant.clientSecret },
    },
    createLogger("bench"),
  );
  const csv = generateCsv({ count, users, label: `bench-${concurrency}` });
  const actor = { name: "bench", kind: "cli" as const };

  // Warm the access token so that the timed part measures the import alone.
  await inventory.graph.grantedPermissions();
  tenant.resetStats();

  const started = performance.now();
  const draft = await inventory.imports.createJob({ fileName: "bench.csv", content: Buffer.from(csv) }, { mode: "activate" }, actor);
  const report = await inventory.imports.run(draft.jobId!, actor);
  const seconds = (performance.now() - started) / 1000;

  const devices = await inventory.graph.listDevices();
  const perSerial = new Map<string, number>();
  for (const device of devices) perSerial.set(device.serialNumber, (perSerial.get(device.serialNumber) ?? 0) + 1);
  const stats = tenant.stats();

  process.stdout.write(
    JSON.stringify({
      count,
      concurrency,
      seconds,
      tokensPerSecond: count / seconds,
      graphRequests: stats.requests,
      requestsPerToken: stats.requests / count,
      throttled: stats.throttled,
      activated: report.counts.activated,
      failures: report.counts.failed,
      duplicates: [...perSerial.values()].filter((seen) => seen > 1).length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + "\n",
  );
} finally {
  await tenant.close();
  await azurite.close();
  rmSync(workDir, { recursive: true, force: true });
}
