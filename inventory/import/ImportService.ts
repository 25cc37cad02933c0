import { randomUUID } from "node:crypto";
import { NotFoundError } from "../errors.js";
import type { Actor, ImportOptions, ImportProgress, ImportReport, ImportService, SeedFileInput } from "../Inventory.js";
import type { ImportJob, ImportRowRecord } from "../storage/index.js";
import type { DeviceStatus } from "../types.js";
import { UserResolver } from "../users/UserResolver.js";
import { ImportJobRunner, type ImportJobRunnerDeps } from "./ImportJobRunner.js";
import { countReportRows, progressOf, progressOfCompleted, reportRowOf } from "./report.js";
import { validateSeedFile, type ValidatedFile } from "./validateSeedFile.js";

/** The import service needs exactly what its job runner needs. */
export type ImportServiceDeps = ImportJobRunnerDeps;

/** Seed file imports: validation, durable jobs, and their runs. */
export class TableImportService implements ImportService {
  private readonly runner: ImportJobRunner;
  /** Jobs running in this process, so that a second start of the same job joins the first. */
  private readonly running = new Map<string, Promise<ImportReport>>();

  constructor(private readonly deps: ImportServiceDeps) {
    this.runner = new ImportJobRunner(deps);
  }

  async validate(file: SeedFileInput, options: ImportOptions): Promise<ImportReport> {
    const validated = await this.check(file, options, false);
    return {
      mode: options.mode,
      fileName: file.fileName,
      columns: validated.columns,
      warnings: validated.warnings,
      counts: countReportRows(validated.reportRows),
      rows: validated.reportRows,
    };
  }

  async createJob(file: SeedFileInput, options: ImportOptions, actor: Actor): Promise<ImportReport> {
    const validated = await this.check(file, options, true);
    const jobId = randomUUID();
    const now = new Date().toISOString();
    const accepted = new Map(validated.accepted.map((row) => [row.seed.row, row]));

    const rows: ImportRowRecord[] = validated.reportRows.map((report) => {
      const row = accepted.get(report.row);
      if (!row) {
        return {
          jobId,
          row: report.row,
          serialNumber: report.serialNumber,
          upn: report.upn,
          hashFunction: report.hashFunction,
          hashInferred: report.hashInferred ?? false,
          timeIntervalInSeconds: report.timeIntervalInSeconds,
          manufacturer: "",
          model: "",
          steps: { created: false, assigned: false, activated: false },
          outcome: report.outcome === "valid" ? "failed" : report.outcome,
          error: report.error,
        };
      }
      const { seed, user, userProblem } = row;
      return {
        jobId,
        row: seed.row,
        serialNumber: seed.serialNumber,
        upn: seed.upn,
        userId: user?.id,
        userDisplayName: user?.displayName,
        encryptedSecret: this.deps.cipher.encrypt(seed.secretKey),
        hashFunction: seed.hashFunction,
        hashInferred: seed.hashInferred,
        timeIntervalInSeconds: seed.timeIntervalInSeconds,
        manufacturer: seed.manufacturer,
        model: seed.model,
        displayName: seed.displayName,
        steps: { created: false, assigned: false, activated: false },
        // The run creates the token unassigned and then reports the row as failed with this error.
        error: userProblem,
      };
    });

    const job: ImportJob = {
      jobId,
      actor: actor.name,
      fileName: file.fileName,
      mode: options.mode,
      keepSeeds: options.keepSeeds ?? false,
      state: "draft",
      totalRows: rows.length,
      counts: {},
      createdAt: now,
      updatedAt: now,
    };
    // The job and every row are stored before anything reaches Graph, so a crash can resume.
    await this.deps.stores.importJobs.create(job);
    await this.deps.stores.importRows.saveAll(jobId, rows);
    this.deps.logger.info({ jobId, rows: rows.length, mode: options.mode, actor: actor.name }, "import job stored");

    return {
      jobId,
      mode: options.mode,
      state: "draft",
      fileName: file.fileName,
      columns: validated.columns,
      warnings: validated.warnings,
      counts: countReportRows(validated.reportRows),
      rows: validated.reportRows,
    };
  }

  run(jobId: string, actor: Actor, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
    const active = this.running.get(jobId);
    if (active) return active;

    const run = this.auditRejectedRowsOnce(jobId, actor)
      .then(() => this.runner.run(jobId, actor, onProgress))
      .then(async () => (await this.getReport(jobId))!)
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
    return run;
  }

  async start(jobId: string, actor: Actor): Promise<ImportProgress> {
    const job = await this.requireJob(jobId);
    if (job.state === "draft") await this.deps.stores.importJobs.update({ ...job, state: "pending", updatedAt: new Date().toISOString() });

    this.run(jobId, actor).catch((error: unknown) => {
      this.deps.logger.error({ jobId, err: error }, "import job stopped; it resumes on the next start");
    });
    return (await this.getProgress(jobId))!;
  }

  async getProgress(jobId: string): Promise<ImportProgress | undefined> {
    const job = await this.deps.stores.importJobs.get(jobId);
    if (!job) return undefined;
    return progressOf(job, await this.rowsOf(jobId));
  }

  async getReport(jobId: string): Promise<ImportReport | undefined> {
    const job = await this.deps.stores.importJobs.get(jobId);
    if (!job) return undefined;
    const rows = (await this.rowsOf(jobId)).map(reportRowOf);
    return { jobId, mode: job.mode, state: job.state, fileName: job.fileName, columns: { found: [], unknown: [] }, counts: countReportRows(rows), rows };
  }

  async listJobs(): Promise<ImportProgress[]> {
    const jobs = await this.deps.stores.importJobs.list();
    // A completed job stores its counts, so only jobs still changing need their rows read.
    return Promise.all(jobs.map(async (job) => (job.state === "completed" ? progressOfCompleted(job) : progressOf(job, await this.rowsOf(job.jobId)))));
  }

  async listUnfinished(): Promise<ImportProgress[]> {
    const jobs = await this.deps.stores.importJobs.listUnfinished();
    return Promise.all(jobs.map(async (job) => progressOf(job, await this.rowsOf(job.jobId))));
  }

  /**
   * Rows that failed validation never reach Graph; the audit log records each with its reason when
   * the admin starts the job (a preview alone records nothing), once per job.
   */
  private async auditRejectedRowsOnce(jobId: string, actor: Actor): Promise<void> {
    const job = await this.deps.stores.importJobs.get(jobId);
    if (!job || (job.state !== "draft" && job.state !== "pending")) return;

    const time = new Date().toISOString();
    for (const row of await this.rowsOf(jobId)) {
      if (row.outcome !== "failed" && !row.error) continue;
      await this.deps.stores.audit.append({
        time,
        actor: actor.name,
        action: "import",
        serialNumber: row.serialNumber || undefined,
        targetUser: row.upn,
        outcome: "rejected",
        reason: row.error ? `${row.error.code}: ${row.error.message}` : undefined,
        jobId,
      });
    }
  }

  private async requireJob(jobId: string): Promise<ImportJob> {
    const job = await this.deps.stores.importJobs.get(jobId);
    if (!job) throw new NotFoundError("jobNotFound", `No import job ${jobId} exists. Upload the file again to create a job.`);
    return job;
  }

  private async rowsOf(jobId: string): Promise<ImportRowRecord[]> {
    const rows: ImportRowRecord[] = [];
    for await (const row of this.deps.stores.importRows.list(jobId)) rows.push(row);
    return rows;
  }

  private async check(file: SeedFileInput, options: ImportOptions, keepAccepted: boolean): Promise<ValidatedFile> {
    const known = new Map<string, DeviceStatus>();
    for await (const token of this.deps.stores.tokens.list({})) known.set(token.serialNumber.toLowerCase(), token.status);
    return validateSeedFile(file, {
      ...options,
      users: new UserResolver(this.deps.graph),
      inventoryStatus: async (serialNumber) => known.get(serialNumber.toLowerCase()),
      keepAccepted,
    });
  }
}
