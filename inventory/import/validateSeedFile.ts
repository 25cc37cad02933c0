import pLimit from "p-limit";
import { columnWarnings, openSeedFile } from "../formats/index.js";
import type { ImportOptions, ImportReportRow, SeedFileInput } from "../Inventory.js";
import { ValidationError } from "../errors.js";
import type { DeviceStatus, DirectoryUser, SeedRow } from "../types.js";
import type { UserResolver } from "../users/UserResolver.js";

/**
 * A row whose token goes to Graph, with what the import needs to act on it. A row whose user was
 * rejected is accepted too (its report row shows failed), so that the token still reaches the
 * inventory, unassigned.
 */
export interface AcceptedRow {
  seed: SeedRow;
  /** Set when the mode assigns and the row names a user who may hold the token. */
  user?: DirectoryUser;
  /** Reason the row's user cannot get the token. The token is created unassigned. */
  userProblem?: { code: string; message: string };
}

/** Result of checking a whole file. `accepted` contains seeds, so it never leaves the service. */
export interface ValidatedFile {
  columns: { found: string[]; unknown: string[] };
  /** Header problems that do not stop the import but change what it does. */
  warnings: string[];
  reportRows: ImportReportRow[];
  accepted: AcceptedRow[];
}

interface ValidateOptions extends ImportOptions {
  users: UserResolver;
  /** Status of the token with this serial number in the inventory, or undefined when it is new. */
  inventoryStatus: (serialNumber: string) => Promise<DeviceStatus | undefined>;
  /** Keep accepted seeds (for a job); a dry run only needs the report. */
  keepAccepted: boolean;
}

/**
 * Checks every row of a seed file without writing anything: format, seed, hash, interval, serial,
 * duplicates within the file and against the inventory, and (in assign and activate modes) that
 * each named user exists, is enabled and is not a guest. Each UPN is resolved once.
 */
export async function validateSeedFile(file: SeedFileInput, options: ValidateOptions): Promise<ValidatedFile> {
  const seedFile = await openSeedFile(file.content, { fileName: file.fileName, secretEncoding: options.secretEncoding });
  const reportRows: ImportReportRow[] = [];
  const accepted: AcceptedRow[] = [];
  const firstRowOfSerial = new Map<string, number>();
  // Rows wait in a small window for their tenant checks, so a large file is never kept in memory twice.
  let window: Candidate[] = [];
  const limit = pLimit(8);
  const flush = async () => {
    const passed = await checkAgainstTenant(window, options, limit);
    if (options.keepAccepted) accepted.push(...passed);
    window = [];
  };

  for await (const parsed of seedFile.rows) {
    if (!parsed.seed) {
      const problem = parsed.problems[0]!;
      reportRows.push({
        row: parsed.row,
        serialNumber: parsed.serialNumber ?? "",
        upn: parsed.upn,
        outcome: "failed",
        error: { code: problem.code, message: parsed.problems.map((item) => item.message).join(" ") },
      });
      continue;
    }

    const seed = parsed.seed;
    const report: ImportReportRow = {
      row: seed.row,
      serialNumber: seed.serialNumber,
      upn: seed.upn,
      outcome: "valid",
      hashFunction: seed.hashFunction,
      hashInferred: seed.hashInferred,
      timeIntervalInSeconds: seed.timeIntervalInSeconds,
    };
    reportRows.push(report);

    const earlier = firstRowOfSerial.get(seed.serialNumber.toLowerCase());
    if (earlier !== undefined) {
      fail(report, "duplicateSerial", `Serial number ${seed.serialNumber} appears again; row ${earlier} already has it. Remove one of the two rows.`);
      continue;
    }
    firstRowOfSerial.set(seed.serialNumber.toLowerCase(), seed.row);
    window.push({ seed, report });
    if (window.length >= checkWindowSize) await flush();
  }
  await flush();

  if (reportRows.length === 0) {
    throw new ValidationError("noDataRows", `${file.fileName} has no data rows, only a header. Add one row per token below the header.`);
  }
  return {
    columns: { found: seedFile.columns.found, unknown: seedFile.columns.unknown },
    warnings: columnWarnings(seedFile.columns, options.mode !== "import"),
    reportRows,
    accepted,
  };
}

function fail(report: ImportReportRow, code: string, message: string): void {
  report.outcome = "failed";
  report.error = { code, message };
}

/** A row that passed the file checks and waits for the inventory and directory checks. */
interface Candidate {
  seed: SeedRow;
  report: ImportReportRow;
}

/** Rows checked against the inventory and directory at once; user lookups within it run in parallel. */
const checkWindowSize = 256;

async function checkAgainstTenant(candidates: Candidate[], options: ValidateOptions, limit: ReturnType<typeof pLimit>): Promise<AcceptedRow[]> {
  if (options.mode !== "import") {
    await options.users.prefetch(candidates.flatMap(({ seed }) => (seed.upn ? [seed.upn] : [])));
  }
  const accepted: (AcceptedRow | undefined)[] = await Promise.all(
    candidates.map(({ seed, report }) => limit(() => checkRow(seed, report, options))),
  );
  return accepted.filter((row): row is AcceptedRow => row !== undefined);
}

/**
 * Checks one row against the inventory and the directory. A token already in the inventory is
 * skipped, unless it is still available and the row now names a user who may hold it: then this
 * run assigns (and activates) it, which is how a row with a corrected user is imported again.
 */
async function checkRow(seed: SeedRow, report: ImportReportRow, options: ValidateOptions): Promise<AcceptedRow | undefined> {
  const status = await options.inventoryStatus(seed.serialNumber);
  const resolution = options.mode !== "import" && seed.upn ? await options.users.resolve(seed.upn) : undefined;
  if (resolution?.ok) report.userDisplayName = resolution.user.displayName;

  if (status !== undefined) {
    if (resolution?.ok && status === "available") return { seed, user: resolution.user };
    report.outcome = "skipped";
    report.error = {
      code: "alreadyInInventory",
      message: `Serial number ${seed.serialNumber} is already in the inventory (${status}); the row was skipped. Delete the token first to import it again.`,
    };
    return undefined;
  }

  if (resolution && !resolution.ok) {
    const userProblem = {
      code: resolution.code,
      message: `${resolution.message} The token itself is imported unassigned: assign it in the tab, or import the row again with a corrected user.`,
    };
    fail(report, userProblem.code, userProblem.message);
    return { seed, userProblem };
  }
  return { seed, user: resolution?.user };
}
