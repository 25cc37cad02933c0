import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { InventoryConfig } from "../inventory/config.js";
import { ConfigurationError } from "../inventory/errors.js";
import type { Logger } from "../inventory/logger.js";
import { startAzurite, type AzuriteProcess } from "./azurite.js";
import { assertPortFree } from "./ports.js";
import { startSandboxTenant, type SandboxTenant } from "./tenant/index.js";
import { sandboxDataDir } from "./trust.js";

/**
 * Groups of the project's sample directory: Ada Alvarez is in the admin group and Bruno Alvarez in
 * the helpdesk group. The host uses them in sandbox mode when ADMIN_GROUP_ID and
 * HELPDESK_GROUP_ID are unset.
 */
export const sandboxGroupIds = {
  admins: "6a7c1f00-0000-4000-8000-00000000a001",
  helpdesk: "6a7c1f00-0000-4000-8000-00000000a002",
} as const;

/** Cloud endpoints of the product: real ones, or the local stand-ins. */
export interface CloudEndpoints {
  /** Undefined when TABLES_ENDPOINT (managed identity) is used instead. */
  tablesConnectionString?: string;
  /** Set in sandbox mode: the app registration and hosts of the sandbox tenant. */
  sandbox?: { url: string; tenantId: string; clientId: string; clientSecret: string };
}

/** The local stand-ins that this process started, if any. */
export interface LocalStack extends CloudEndpoints {
  /** True when this process started the parts (and must stop them), false when it attached to a running stack. */
  owned: boolean;
  close(): Promise<void>;
}

/**
 * Contents of DATA_DIR/stack.json, written by the process that started the local parts: `npm start`
 * (owner "host"), whose parts CLI commands share, or a CLI command (owner "cli"), which stops them
 * when it ends and so shares them with no one.
 */
interface StackFile {
  pid: number;
  owner: "host" | "cli";
  tablesConnectionString?: string;
  sandboxUrl?: string;
  hostUrl?: string;
}

function stackFilePath(dataDir: string): string {
  return path.join(dataDir, "stack.json");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads the stack file of a running `npm start`, or undefined when none runs. */
export function readRunningStack(dataDir: string): StackFile | undefined {
  const file = stackFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  const stack = JSON.parse(readFileSync(file, "utf8")) as StackFile;
  return isAlive(stack.pid) ? stack : undefined;
}

/** Records this process's parts for other commands; removed again by {@link removeStackFile}. */
export function writeStackFile(dataDir: string, stack: Omit<StackFile, "pid">): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(stackFilePath(dataDir), JSON.stringify({ pid: process.pid, ...stack }, null, 2) + "\n", { mode: 0o600 });
}

export function removeStackFile(dataDir: string): void {
  const running = readRunningStack(dataDir);
  if (!running || running.pid === process.pid) rmSync(stackFilePath(dataDir), { force: true });
}

function readSandboxApp(dataDir: string, url: string): NonNullable<CloudEndpoints["sandbox"]> {
  const app = JSON.parse(readFileSync(path.join(sandboxDataDir(dataDir), "app.json"), "utf8")) as {
    tenantId: string;
    clientId: string;
    clientSecret: string;
  };
  return { url, tenantId: app.tenantId, clientId: app.clientId, clientSecret: app.clientSecret };
}

/**
 * Provides Table Storage and, in sandbox mode, the sandbox tenant. Uses the configured connection
 * string when there is one. A CLI command (`owner` "cli") attaches to a running `npm start`
 * (DATA_DIR/stack.json); otherwise it starts embedded Azurite (data under DATA_DIR/azurite) and the sandbox
 * tenant (state under DATA_DIR/sandbox) in this process.
 */
export async function startLocalStack(
  config: InventoryConfig,
  logger: Logger,
  options: { owner: "host" | "cli" },
): Promise<LocalStack> {
  mkdirSync(config.dataDir, { recursive: true });

  const running = readRunningStack(config.dataDir);
  if (running && (options.owner === "host" || running.owner === "cli")) {
    const who = running.owner === "host" ? "Token Inventory (npm start)" : "another token-inventory command";
    throw new ConfigurationError(
      "localStackBusy",
      `${who} runs with pid ${running.pid} and uses the local stack in DATA_DIR ${config.dataDir}. ` +
        (options.owner === "host"
          ? "Stop it first, or give this one its own DATA_DIR and ports."
          : "Wait until it finishes, or run npm start so that commands share one stack."),
    );
  }
  if (running) {
    logger.debug({ pid: running.pid }, "using the parts of the running local stack");
    const tablesConnectionString = config.tablesConnectionString ?? running.tablesConnectionString;
    const sandbox = config.sandbox && running.sandboxUrl ? readSandboxApp(config.dataDir, running.sandboxUrl) : undefined;
    return { tablesConnectionString, sandbox, owned: false, close: async () => undefined };
  }

  let azurite: AzuriteProcess | undefined;
  let tenant: SandboxTenant | undefined;
  try {
    if (!config.tablesConnectionString && !config.tablesEndpoint) {
      await assertPortFree(config.azuriteTablePort, "AZURITE_TABLE_PORT");
      azurite = await startAzurite({ dataDir: path.join(config.dataDir, "azurite"), tablePort: config.azuriteTablePort });
      logger.info({ port: azurite.tablePort, azuritePid: azurite.pid }, "embedded Azurite Table service started");
    }
    if (config.sandbox) {
      await assertPortFree(config.sandboxPort, "SANDBOX_PORT");
      tenant = await startSandboxTenant({
        dataDir: sandboxDataDir(config.dataDir),
        directoryPath: config.sandboxDirectory,
        port: config.sandboxPort,
      });
    }
  } catch (error) {
    await tenant?.close();
    await azurite?.close();
    throw error;
  }

  const started = azurite !== undefined || tenant !== undefined;
  if (started) {
    writeStackFile(config.dataDir, { owner: options.owner, tablesConnectionString: azurite?.connectionString, sandboxUrl: tenant?.url });
  }
  return {
    tablesConnectionString: config.tablesConnectionString ?? azurite?.connectionString,
    sandbox: tenant && {
      url: tenant.url,
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
    },
    owned: true,
    async close() {
      await tenant?.close();
      await azurite?.close();
      if (started) removeStackFile(config.dataDir);
    },
  };
}
