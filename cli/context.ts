import os from "node:os";
import { loadConfig, type InventoryConfig } from "../inventory/config.js";
import { createInventory, type InventoryParts } from "../inventory/index.js";
import type { Actor } from "../inventory/Inventory.js";
import { createLogger } from "../inventory/logger.js";
import { startLocalStack, type LocalStack } from "../sandbox/localStack.js";

/** Context of every command: the configured (or sandbox) service and the actor. */
export interface CliContext {
  config: InventoryConfig;
  inventory: InventoryParts;
  actor: Actor;
}

/** Returns the actor written to the audit for CLI commands: `--actor`, else the OS user and host. */
export function cliActor(name?: string): Actor {
  return { name: name?.trim() || `${os.userInfo().username}@${os.hostname()}`, kind: "cli" };
}

/**
 * Opens the service for one command and closes it afterwards. In sandbox mode the command joins
 * a running `npm start` (same Azurite and sandbox tenant), or starts both for its own duration.
 */
export async function withInventory<T>(actorName: string | undefined, act: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // The CLI keeps stdout for its own output, so the service logs only warnings unless LOG_LEVEL is set.
  process.env.LOG_LEVEL ??= "warn";
  const logger = createLogger("token-inventory-cli");

  let stack: LocalStack | undefined;
  let inventory: InventoryParts | undefined;
  try {
    stack = await startLocalStack(config, logger, { owner: "cli" });
    inventory = await createInventory(
      config,
      {
        tablesConnectionString: stack.tablesConnectionString,
        tenant: stack.sandbox && { ...stack.sandbox, authorityHost: stack.sandbox.url, graphBaseUrl: stack.sandbox.url },
      },
      logger,
    );
    return await act({ config, inventory, actor: cliActor(actorName) });
  } finally {
    await inventory?.close();
    await stack?.close();
  }
}
