import os from "node:os";
import type { ImportProgress, ImportReport, ImportReportRow } from "../Inventory.js";
import type { ImportJob, ImportRowRecord } from "../storage/index.js";
import type { RowOutcome } from "../types.js";

const outcomes: RowOutcome[] = ["valid", "created", "assigned", "activated", "skipped", "failed"];

/** Counts rows per outcome, with every outcome present. */
export function countReportRows(rows: ImportReportRow[]): ImportReport["counts"] {
  const counts = Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as ImportReport["counts"];
  for (const row of rows) counts[row.outcome] += 1;
  counts.total = rows.length;
  return counts;
}

/** The report line of a stored row; a row still in progress reports its last finished step. */
export function reportRowOf(row: ImportRowRecord): ImportReportRow {
  const reached: RowOutcome = row.steps.activated ? "activated" : row.steps.assigned ? "assigned" : row.steps.created ? "created" : "valid";
  return {
    row: row.row,
    serialNumber: row.serialNumber,
    upn: row.upn,
    userDisplayName: row.userDisplayName,
    outcome: row.outcome ?? reached,
    hashFunction: row.hashFunction,
    hashInferred: row.hashInferred,
    timeIntervalInSeconds: row.timeIntervalInSeconds,
    ...(row.error ? { error: row.error } : {}),
  };
}

/** True when the job's runner was a process on this machine that no longer exists. */
export function runnerEnded(runner: string | undefined): boolean {
  if (!runner) return false;
  const [host, pid] = runner.split(":");
  if (host !== os.hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Progress of a job from its stored rows. */
export function progressOf(job: ImportJob, rows: ImportRowRecord[]): ImportProgress {
  const steps = { created: 0, assigned: 0, activated: 0, failed: 0, skipped: 0, done: 0 };
  for (const row of rows) {
    if (row.steps.created) steps.created += 1;
    if (row.steps.assigned) steps.assigned += 1;
    if (row.outcome === "activated") steps.activated += 1;
    if (row.outcome === "failed") steps.failed += 1;
    if (row.outcome === "skipped") steps.skipped += 1;
    if (row.outcome !== undefined) steps.done += 1;
  }
  return {
    jobId: job.jobId,
    state: job.state === "running" && runnerEnded(job.runner) ? "interrupted" : job.state,
    mode: job.mode,
    fileName: job.fileName,
    actor: job.actor,
    totalRows: job.totalRows,
    steps,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * Progress of a completed job from the outcome counts stored with it, without reading its rows.
 * Failed rows count only as failed here, not by the steps they reached before failing.
 */
export function progressOfCompleted(job: ImportJob): ImportProgress {
  const count = (outcome: RowOutcome) => job.counts[outcome] ?? 0;
  const activated = count("activated");
  const assigned = count("assigned") + activated;
  const created = count("created") + assigned;
  return {
    jobId: job.jobId,
    state: job.state,
    mode: job.mode,
    fileName: job.fileName,
    actor: job.actor,
    totalRows: job.totalRows,
    steps: { created, assigned, activated, failed: count("failed"), skipped: count("skipped"), done: job.totalRows },
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
