import type { ImportReport } from "../inventory/Inventory.js";

/** Pads cells into aligned columns for terminal output. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The human summary of an import: counts, then every failed or skipped row with its reason. */
export function formatImportReport(report: ImportReport, dryRun: boolean): string {
  const { counts } = report;
  const lines = [
    `${dryRun ? "Dry run of" : "Import of"} ${report.fileName} in ${report.mode} mode${report.jobId ? ` (job ${report.jobId})` : ""}`,
    `${counts.total} ${counts.total === 1 ? "row" : "rows"}: ` +
      (dryRun
        ? `${counts.valid} valid, ${counts.skipped} skipped, ${counts.failed} failed`
        : `${counts.activated} activated, ${counts.assigned} assigned, ${counts.created} created, ${counts.skipped} skipped, ${counts.failed} failed`),
  ];

  const inferred = report.rows.filter((row) => row.hashInferred).length;
  if (inferred > 0) {
    lines.push(`${inferred} ${inferred === 1 ? "row has" : "rows have"} no hash value; the hash was inferred from the seed length.`);
  }
  if (report.columns.unknown.length > 0) lines.push(`Ignored columns: ${report.columns.unknown.join(", ")}`);
  for (const warning of report.warnings ?? []) lines.push(`Warning: ${warning}`);

  const problems = report.rows.filter((row) => row.error);
  if (problems.length > 0) {
    lines.push("", "Rows with problems:");
    for (const row of problems) {
      lines.push(`  row ${row.row} ${row.serialNumber || "(no serial)"}${row.upn ? ` ${row.upn}` : ""} [${row.outcome}] ${row.error!.code}: ${row.error!.message}`);
    }
  }
  return lines.join("\n");
}
