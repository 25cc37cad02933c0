import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startHost, type RunningHost } from "../../../bot/index.js";
import { loadConfig } from "../../../inventory/config.js";
import { createLogger } from "../../../inventory/logger.js";
import { ensureTabBuilt } from "./tabBuild.js";

/**
 * Starts the product as `npm start` does in sandbox mode, in a fresh data folder: embedded
 * Azurite, the sandbox tenant, the bot, the tab API and the built tab, all on 127.0.0.1.
 */
export async function startTestHost(): Promise<RunningHost & { dataDir: string }> {
  await ensureTabBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tab-host-"));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", SANDBOX_PORT: "0", AZURITE_TABLE_PORT: "0", IMPORT_CONCURRENCY: "4" });
  const host = await startHost(config, createLogger("browser-test-host"), { port: 0 });
  return {
    ...host,
    dataDir,
    async close() {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
