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

function printProgress(progress: ImportProgress): void {
  const { steps, totalRows } = progress;
  process.stderr.write(
    `\r${steps.done}/${totalRows} rows done: ${steps.created} created, ${steps.assigned} assigned, ${steps.activated} activated, ${steps.failed} failed   `,
  );
}

/**
 * `import <file>`: validates, stores the job, runs it and reports. Exit code 0 when every row
 * succeeded, 1 when any row failed, 2 for a file-level error.
 */
export async function importCommand(file: string | undefined, options: ImportCommandOptions): Promise<number> {
  if (!file && !options.resume) throw new ValidationError("missingFile", "Name the seed file to import, or pass --resume <job id>.");
  if (file && !existsSync(file)) throw new ValidationError("fileNotFound", `File ${file} does not exist. Check the path.`);

  return withInventory(options.actor, async ({ inventory, actor }) => {
    const mode = options.mode ?? "activate";
    let report: ImportReport;

    if (options.resume) {
      const progress = process.stderr.isTTY && !options.json ? printProgress : undefined;
      report = await inventory.imports.run(options.resume, actor, progress);
    } else {
      const input = { fileName: path.basename(file!), content: createReadStream(file!) };
      const importOptions = { mode, keepSeeds: options.keepSeeds, secretEncoding: options.encoding };
      if (options.dryRun) {
        report = await inventory.imports.validate(input, importOptions);
      } else {
        const draft = await inventory.imports.createJob(input, importOptions, actor);
        process.stderr.write(`Job ${draft.jobId} stored with ${draft.counts.total} rows; resume it with --resume ${draft.jobId} if this run stops.\n`);
        report = await inventory.imports.run(draft.jobId!, actor, printProgress);
        process.stderr.write("\n");
        // Columns are known only from the file; the stored job keeps rows, not headers.
        report = { ...report, columns: draft.columns, rows: report.rows };
      }
    }

    process.stdout.write(options.json ? JSON.stringify(jsonReport(report), null, 2) + "\n" : formatImportReport(report, options.dryRun ?? false) + "\n");
    return report.counts.failed > 0 ? 1 : 0;
  });
}
