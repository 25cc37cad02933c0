import { Command, InvalidArgumentError, Option } from "commander";
import { loadConfig } from "../inventory/config.js";
import { ConfigurationError, InventoryError, ValidationError } from "../inventory/errors.js";
import { relaunchTrustingSandbox } from "../sandbox/trust.js";
import { auditCommand } from "./commands/auditCommand.js";
import { doctorCommand } from "./commands/doctorCommand.js";
import { importCommand } from "./commands/importCommand.js";
import { jobsCommand } from "./commands/jobsCommand.js";
import { exportCommand, tokensCommand } from "./commands/tokensCommand.js";

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return number;
}

/** Waits for a command and turns its result or failure into the process exit code. */
async function run(work: Promise<number>): Promise<void> {
  try {
    process.exitCode = await work;
  } catch (error) {
    process.exitCode = report(error);
  }
}

function buildProgram(): Command {
  const program = new Command("token-inventory")
    // Usage errors (an unknown option or value) exit with 2, like a bad file; help and version with 0.
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .description("Import hardware OATH tokens into Microsoft Entra ID and manage them. Without AZURE_TENANT_ID it works against the local sandbox tenant.")
    .showHelpAfterError();

  program
    .command("import")
    .description("validate a seed file (CSV or JSON), create its tokens in Entra ID, assign and activate them")
    .argument("[file]", "seed file: Token2 or Entra admin center CSV, Graph-style CSV, Graph delta JSON or a JSON array")
    .addOption(new Option("--mode <mode>", "how far to go for rows with a user").choices(["import", "assign", "activate"]).default("activate"))
    .option("--dry-run", "validate and resolve users only; write nothing")
    .option("--keep-seeds", "keep the encrypted seeds after activation")
    .option("--resume <job>", "resume a stored job that did not finish")
    .addOption(new Option("--encoding <encoding>", "how every secret in the file is encoded").choices(["base32", "hex"]))
    .option("--json", "print one JSON report instead of the summary")
    .option("--actor <name>", "who to record in the audit log (default: the OS user)")
    .action((file, options) => run(importCommand(file, options)));

  program
    .command("tokens")
    .description("list the token inventory")
    .addOption(new Option("--status <status>", "only tokens in this status").choices(["available", "assigned", "activated", "failedActivation"]))
    .option("--json", "print JSON")
    .action((options) => run(tokensCommand(options)));

  program
    .command("export")
    .description("write the token inventory to a CSV file (never seeds)")
    .argument("<file>", "CSV file to write")
    .action((file) => run(exportCommand(file)));

  program
    .command("audit")
    .description("show the audit log, newest first")
    .option("--limit <count>", "number of entries", positiveInteger, 50)
    .option("--action <action>", "only this action, e.g. activate")
    .option("--serial <serial>", "only this serial number")
    .option("--json", "print JSON")
    .action((options) => run(auditCommand(options)));

  program
    .command("jobs")
    .description("list import jobs and their progress")
    .option("--json", "print JSON")
    .action((options) => run(jobsCommand(options)));

  program
    .command("doctor")
    .description("check the configuration: tenant, credential, Graph permissions, storage, bot and helpdesk channel")
    .option("--json", "print JSON")
    .action((options) => run(doctorCommand(options)));

  return program;
}

/** Exit code for a failure: 2 for a bad file, argument or setting, 1 otherwise. */
function report(error: unknown): number {
  if (error instanceof InventoryError) {
    process.stderr.write(`Error (${error.code}): ${error.message}\n`);
    // Bad input of the caller (a file, an option, an unknown job id) exits 2; faults of Graph or storage exit 1.
    return error instanceof ValidationError || error instanceof ConfigurationError || error.status === 404 ? 2 : 1;
  }
  process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

async function main(): Promise<void> {
  // `token-inventory jobs | head` closes the pipe early; that is the reader's choice, not a failure.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });

  // An invalid configuration is reported by the command itself (doctor explains it in full).
  const config = (() => {
    try {
      return loadConfig();
    } catch {
      return undefined;
    }
  })();
  if (config?.sandbox) {
    const childExit = await relaunchTrustingSandbox(config.dataDir);
    if (childExit !== undefined) process.exit(childExit);
  }

  await buildProgram().parseAsync(process.argv);
}

await main();
