import type restify from "restify";
import { loadConfig, type InventoryConfig } from "../inventory/config.js";
import { createInventory, type InventoryParts } from "../inventory/index.js";
import { createLogger, type Logger } from "../inventory/logger.js";
import { removeStackFile, sandboxGroupIds, startLocalStack, writeStackFile, type LocalStack } from "../sandbox/localStack.js";
import { assertPortFree } from "../sandbox/ports.js";
import { relaunchTrustingSandbox } from "../sandbox/trust.js";
import { tabAuthOptionsFromConfig } from "../tab/api/auth/options.js";
import { registerTabApi } from "../tab/api/index.js";
import { groupAccessPolicy } from "./access.js";
import { registerBot } from "./registerBot.js";
import { createHostServer } from "./host.js";

/** A running host: the restify server over the service, and the local parts it started. */
export interface RunningHost {
  url: string;
  server: restify.Server;
  inventory: InventoryParts;
  stack: LocalStack;
  close(): Promise<void>;
}

/**
 * Mounts the bot at /api/messages. Without BOT_ID the endpoint would trust any identity in a
 * posted activity: fine against the sandbox tenant, never next to a real one, so then it stays off.
 */
async function mountBot(server: restify.Server, inventory: InventoryParts, config: InventoryConfig, logger: Logger): Promise<void> {
  if (!config.sandbox && !config.botId) {
    logger.warn("the bot is off: a real tenant is configured but BOT_ID and BOT_PASSWORD are not, so /api/messages is not served");
    return;
  }
  await registerBot(server, {
    inventory,
    config,
    logger: logger.child({ part: "bot" }),
    access: groupAccessPolicy({
      graph: inventory.graph,
      adminGroupId: config.adminGroupId ?? (config.sandbox ? sandboxGroupIds.admins : undefined),
      helpdeskGroupId: config.helpdeskGroupId ?? (config.sandbox ? sandboxGroupIds.helpdesk : undefined),
    }),
  });
}

/**
 * Starts everything `npm start` runs: the local stack when needed (embedded Azurite, the sandbox
 * tenant), the token service, the bot at /api/messages, the tab API under /api and the built tab,
 * then resumes import jobs that a stopped process left unfinished.
 */
export async function startHost(config: InventoryConfig, logger: Logger, options: { port?: number; writeStackFile?: boolean } = {}): Promise<RunningHost> {
  const port = options.port ?? config.port;
  if (config.host === "127.0.0.1") await assertPortFree(port, "PORT");
  const stack = await startLocalStack(config, logger, { owner: "host" });
  let inventory: InventoryParts | undefined;
  try {
    inventory = await createInventory(
      config,
      {
        tablesConnectionString: stack.tablesConnectionString,
        tenant: stack.sandbox && { ...stack.sandbox, authorityHost: stack.sandbox.url, graphBaseUrl: stack.sandbox.url },
      },
      logger,
    );

    const server = createHostServer(inventory, logger);
    await mountBot(server, inventory, config, logger);
    registerTabApi(server, {
      inventory,
      logger,
      auth: tabAuthOptionsFromConfig(
        // In sandbox mode the sample directory's admin group counts, as for the bot.
        { ...config, adminGroupId: config.adminGroupId ?? (config.sandbox ? sandboxGroupIds.admins : undefined) },
        stack.sandbox && { url: stack.sandbox.url, tenantId: stack.sandbox.tenantId },
      ),
    });

    await new Promise<void>((resolve) => server.listen(port, config.host, resolve));
    const address = server.address() as { port: number };
    const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${address.port}`;
    if (options.writeStackFile) {
      writeStackFile(config.dataDir, { owner: "host", tablesConnectionString: stack.tablesConnectionString, sandboxUrl: stack.sandbox?.url, hostUrl: url });
    }

    const parts = inventory;
    const unfinished = await parts.imports.listUnfinished();
    for (const job of unfinished) {
      logger.info({ jobId: job.jobId, state: job.state }, "resuming an unfinished import job");
      parts.imports.run(job.jobId, { name: "system", kind: "system" }).catch((error: unknown) => {
        logger.error({ jobId: job.jobId, err: error }, "resumed import job stopped again");
      });
    }

    return {
      url,
      server,
      inventory: parts,
      stack,
      async close() {
        server.close();
        await parts.close();
        await stack.close();
        if (options.writeStackFile) removeStackFile(config.dataDir);
      },
    };
  } catch (error) {
    await inventory?.close();
    await stack.close();
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();

  if (config.sandbox) {
    const childExit = await relaunchTrustingSandbox(config.dataDir);
    if (childExit !== undefined) process.exit(childExit);
  }
  const host = await startHost(config, logger, { writeStackFile: true });
  if (config.sandbox) {
    logger.warn(
      { sandboxUrl: host.stack.sandbox?.url, directory: config.sandboxDirectory },
      "SANDBOX MODE: no Entra app is configured (AZURE_TENANT_ID, AZURE_CLIENT_ID), so Graph calls go to the local sandbox tenant, not to Microsoft Entra ID",
    );
  }
  logger.info({ url: host.url, dataDir: config.dataDir }, `Token Inventory is listening on ${host.url} (tab: ${host.url}/, health: ${host.url}/api/health)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await host.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`Token Inventory could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
