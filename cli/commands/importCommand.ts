import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { ValidationError } from "../../inventory/errors.js";
import type { ImportProgress, ImportReport } from "../../inventory/Inventory.js";
import type { ImportMode } from "../../inventory/types.js";
import { withInventory } from "../context.js";
import { formatImportReport } from "../output.js";

export interface ImportCommandOptions {
  mode?: ImportMode;
  dryRun?: boolean;
  keepSeeds?: boolean;
  resume?: string;
  json?: boolean;
  actor?: string;
  encoding?: "base32" | "hex";
}

/** The JSON report: one object with the job, counts and every row. */
function jsonReport(report: ImportReport) {
  return {
    jobId: report.jobId ?? null,
    mode: report.mode,
    counts: report.counts,
    columns: report.columns,
    warnings: report.warnings ?? [],
    rows: report.rows.map((row) => ({
      row: row.row,
      serialNumber: row.serialNumber,
      upn: row.upn ?? null,
      outcome: row.outcome,
      hashFunction: row.hashFunction ?? null,
      hashInferred: row.hashInferred ?? false,
      timeIntervalInSeconds: row.timeIntervalInSeconds ?? null,
      ...(row.error ? { error: row.error } : {}),
    })),
  };
}

/**
 * Progress on stderr: one updating line on a terminal, otherwise a line at every tenth of the
 * rows, so that logs of long imports show movement without thousands of lines.
 */
function createProgressPrinter(): (progress: ImportProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const { steps, totalRows } = progress;
    const line = `${steps.done}/${totalRows} rows done: ${steps.created} created, ${steps.assigned} assigned, ${steps.activated} activated, ${steps.failed} failed`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}   `);
      return;
    }
    const tenth = totalRows === 0 ? 10 : Math.floor((steps.done / totalRows) * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      process.stderr.write(line + "\n");
    }
  };
}

/**
 * `import <file>`: validates, stores the job, runs it and reports. Exit code 0 when every row
 * succeeded, 1 when any row failed or the header has a warning, 2 for a file-level error.
 */
export async function importCommand(file: string | undefined, options: ImportCommandOptions): Promise<number> {
  if (!file && !options.resume) throw new ValidationError("missingFile", "Name the seed file to import, or pass --resume <job id>.");
  if (file && !existsSync(file)) throw new ValidationError("fileNotFound", `File ${file} does not exist. Check the path.`);

  return withInventory(options.actor, async ({ inventory, actor }) => {
    const mode = options.mode ?? "activate";
    let report: ImportReport;

    if (options.resume) {
      report = await inventory.imports.run(options.resume, actor, createProgressPrinter());
    } else {
      const input = { fileName: path.basename(file!), content: createReadStream(file!) };
      const importOptions = { mode, keepSeeds: options.keepSeeds, secretEncoding: options.encoding };
      if (options.dryRun) {
        report = await inventory.imports.validate(input, importOptions);
      } else {
        const draft = await inventory.imports.createJob(input, importOptions, actor);
        process.stderr.write(`Job ${draft.jobId} stored with ${draft.counts.total} rows; resume it with --resume ${draft.jobId} if this run stops.\n`);
        process.once("SIGINT", () => {
          process.stderr.write(`\nStopped. Every finished step is stored; resume with: token-inventory import --resume ${draft.jobId}\n`);
          process.exit(130);
        });
        report = await inventory.imports.run(draft.jobId!, actor, createProgressPrinter());
        if (process.stderr.isTTY) process.stderr.write("\n");
        // Columns are known only from the file; the stored job keeps rows, not headers.
        report = { ...report, columns: draft.columns, warnings: draft.warnings, rows: report.rows };
      }
    }

    process.stdout.write(options.json ? JSON.stringify(jsonReport(report), null, 2) + "\n" : formatImportReport(report, options.dryRun ?? false) + "\n");
    // A header warning (a misspelt column, no user column in a mode that assigns) means the file did
    // not do what the mode asks, so scripts must not read the run as a success.
    return report.counts.failed > 0 || (report.warnings ?? []).length > 0 ? 1 : 0;
  });
}
