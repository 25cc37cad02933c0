import { loadConfig } from "../../inventory/config.js";
import { InventoryError } from "../../inventory/errors.js";
import { createInventory } from "../../inventory/index.js";
import type { StatusFinding } from "../../inventory/Inventory.js";
import { createLogger } from "../../inventory/logger.js";
import { startLocalStack, type LocalStack } from "../../sandbox/localStack.js";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Explains why the service could not even start, by the error's code. */
function startFailure(error: unknown): StatusFinding {
  const code = error instanceof InventoryError ? error.code : undefined;
  if (code === "storageFailed") {
    return {
      area: "storage",
      ok: false,
      message: `Table Storage did not answer: ${messageOf(error)}`,
      fix: "Check TABLES_CONNECTION_STRING (account name, key and endpoint) and that the storage account allows this network.",
    };
  }
  if (code === "invalidTokenSecretKey" || code === "missingTokenSecretKey") {
    return { area: "seedKey", ok: false, message: messageOf(error), fix: "Set TOKEN_SECRET_KEY to 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`." };
  }
  return { area: "tenant", ok: false, message: `The service could not start: ${messageOf(error)}`, fix: "Fix the setting that the message names, then run doctor again." };
}

/** Returns true for a finding that makes doctor fail. Warnings do not. */
function isProblem(finding: StatusFinding): boolean {
  return !finding.ok && !finding.warning;
}

function print(findings: StatusFinding[], json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify({ ok: !findings.some(isProblem), findings }, null, 2) + "\n");
    return;
  }
  for (const finding of findings) {
    let label = "PROBLEM";
    if (finding.ok) label = "ok     ";
    else if (finding.warning) label = "warning";
    process.stdout.write(`${label} ${finding.area}: ${finding.message}\n`);
    if (finding.fix) process.stdout.write(`        fix: ${finding.fix}\n`);
  }
  const problems = findings.filter(isProblem).length;
  process.stdout.write(problems === 0 ? "\nNo problems found.\n" : `\n${problems} problem${problems === 1 ? "" : "s"} found.\n`);
}

/**
 * `doctor`: checks the configuration in plain words — tenant and app ids, the Graph permissions
 * actually granted against the ones needed, storage, the seed key, the bot and the helpdesk
 * channel — and prints how to fix each problem. Exit code 0 without problems (warnings allowed), 1 with any.
 */
export async function doctorCommand(options: { json?: boolean }): Promise<number> {
  const json = options.json ?? false;

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    print([{ area: "tenant", ok: false, message: messageOf(error), fix: "Correct the environment variables named above; README.md lists them all." }], json);
    return 1;
  }

  process.env.LOG_LEVEL ??= "error";
  const logger = createLogger("token-inventory-doctor");
  let stack: LocalStack | undefined;
  try {
    stack = await startLocalStack(config, logger, { owner: "cli" });
    const inventory = await createInventory(
      config,
      {
        tablesConnectionString: stack.tablesConnectionString,
        tenant: stack.sandbox && { ...stack.sandbox, authorityHost: stack.sandbox.url, graphBaseUrl: stack.sandbox.url },
      },
      logger,
    );
    const status = await inventory.status.check();
    print(status.findings, json);
    return status.findings.some(isProblem) ? 1 : 0;
  } catch (error) {
    print([startFailure(error)], json);
    return 1;
  } finally {
    await stack?.close();
  }
}
