import os from "node:os";
import pLimit from "p-limit";
import type { SeedCipher } from "../crypto/index.js";
import { ConflictError, InventoryError } from "../errors.js";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { GraphRequestError } from "../graph/errors.js";
import type { Logger } from "../logger.js";
import type { Actor, ImportProgress, Notifier } from "../Inventory.js";
import type { ImportJob, ImportRowRecord, TableStores } from "../storage/index.js";
import type { CreateDeviceParams, HardwareOathDevice } from "../types.js";
import { activateNow } from "./activateNow.js";
import { recordToken } from "./recordToken.js";
import { progressOf, reportRowOf, runnerEnded } from "./report.js";

export interface ImportJobRunnerDeps {
  graph: GraphGateway;
  stores: TableStores;
  cipher: SeedCipher;
  logger: Logger;
  notifier: () => Notifier;
  concurrency: number;
  now?: () => number;
  /** Called after each token write, so that cached token lists are read again. */
  onTokensChanged?: () => void;
}

/** Devices per delta create request. Graph documents no maximum; 50 keeps one failed request cheap. */
const bulkCreateSize = 50;

/** Converts a row failure into our error code and message; Graph's detail stays in the log. */
function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof InventoryError) return { code: error.code, message: error.message };
  return { code: "unexpectedError", message: "An unexpected error stopped this row; see the service log and resume the job." };
}

/**
 * Runs one stored import job to its end. Every step of every row is recorded before the next one
 * starts, and every step first checks Graph's state, so that a job stopped at any point (crash,
 * kill, restart) resumes without creating a device twice or activating one twice. Only rows that
 * passed validation carry a seed and reach Graph; they always have a hash function and interval,
 * hence the non-null assertions.
 */
export class ImportJobRunner {
  constructor(private readonly deps: ImportJobRunnerDeps) {}

  async run(jobId: string, actor: Actor, onProgress?: (progress: ImportProgress) => void): Promise<ImportJob> {
    const { stores, logger } = this.deps;
    let job = await stores.importJobs.get(jobId);
    if (!job) throw new InventoryError("jobNotFound", `No import job ${jobId} exists. List jobs with \`token-inventory jobs\`.`, { status: 404 });
    if (job.state === "completed") return job;
    // Another live process (the host, or a CLI command) running the job would create devices twice.
    if (job.state === "running" && job.runner && job.runner !== runnerId() && !runnerEnded(job.runner)) {
      throw new ConflictError("jobRunning", `Import job ${jobId} is running in process ${job.runner}. Wait until it finishes, or stop that process and resume the job.`);
    }

    job = await stores.importJobs.update({ ...job, state: "running", runner: runnerId(), updatedAt: new Date().toISOString() });
    const log = logger.child({ jobId, mode: job.mode });
    log.info({ totalRows: job.totalRows }, "import job running");

    const rows: ImportRowRecord[] = [];
    for await (const row of stores.importRows.list(jobId)) rows.push(row);
    const pending = rows.filter((row) => row.outcome === undefined);

    // One paged read of the inventory replaces a lookup per row: devices that exist already
    // (from an earlier run of this job, or created before a crash) are adopted, never created again.
    const devices = new Map<string, HardwareOathDevice>();
    if (pending.length > 0) {
      for (const device of await this.deps.graph.listDevices()) devices.set(device.serialNumber.toLowerCase(), device);
    }

    const report = () => onProgress?.(progressOf(job!, rows));
    const limit = pLimit(this.deps.concurrency);

    await this.createInBulk(job, rows, devices, actor, limit);
    report();

    let lastReport = 0;
    const unsettled = rows.filter((row) => row.outcome === undefined);
    await Promise.all(
      unsettled.map((row, index) =>
        limit(async () => {
          const settled = await this.processRow(job!, row, devices.get(row.serialNumber.toLowerCase()), actor);
          rows[rows.indexOf(row)] = settled;
          if (Date.now() - lastReport > 250 || index === unsettled.length - 1) {
            lastReport = Date.now();
            report();
          }
        }),
      ),
    );

    await this.verifyActivations(job, rows, actor);

    const counts = progressOf(job, rows).steps;
    job = await stores.importJobs.update({
      ...(await stores.importJobs.get(jobId))!,
      state: "completed",
      counts: countOutcomes(rows),
      updatedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    });
    report();
    log.info({ counts }, "import job completed");

    await stores.audit.append({
      time: new Date().toISOString(),
      actor: actor.name,
      action: "import",
      outcome: counts.failed > 0 ? "failure" : "success",
      jobId,
      reason: `${job.fileName}: ${rows.length} rows, ${counts.activated} activated, ${counts.failed} failed, ${counts.skipped} skipped`,
    });
    if (counts.failed > 0) {
      const failures = rows.filter((row) => row.outcome === "failed").slice(0, 5).map(reportRowOf);
      await this.deps.notifier().notify({
        kind: "importFinished",
        jobId,
        fileName: job.fileName,
        counts: { ...zeroCounts(), ...countOutcomes(rows), total: rows.length },
        failures,
      }).catch((error: unknown) => log.warn({ err: error }, "helpdesk notification failed"));
    }
    return job;
  }

  /** Takes one row through create, assign and activate, saving after each step. */
  private async processRow(job: ImportJob, row: ImportRowRecord, existing: HardwareOathDevice | undefined, actor: Actor): Promise<ImportRowRecord> {
    const wantsUser = job.mode !== "import" && row.userId !== undefined;
    const wantsActivation = job.mode === "activate" && wantsUser;
    let current = row;
    let step = "create";

    try {
      // A step that Graph carried out before a crash, but that was never recorded, is taken from
      // Graph's state instead of being sent again: assigning or activating twice fails.
      if (current.steps.created && existing && existing.id === current.deviceId) {
        const assigned = current.steps.assigned || (current.userId !== undefined && existing.assignedTo?.id === current.userId);
        const activated = current.steps.activated || (assigned && existing.status === "activated");
        if (assigned !== current.steps.assigned || activated !== current.steps.activated) {
          current = await this.saveRow({ ...current, steps: { created: true, assigned, activated } });
        }
      }
      // A crash between recording the step and writing the token leaves the token out of the
      // inventory; the resumed row writes it (and its audit entries) before going on.
      if (current.steps.created && !(await this.deps.stores.tokens.get(current.serialNumber))) {
        await recordToken(this.deps, job, current, current.steps.assigned ? "assigned" : "available", actor, "create");
      }

      if (!current.steps.created) {
        const device = existing ?? (await this.createDevice(job, current));
        if (wantsUser && device.assignedTo && device.assignedTo.id !== current.userId) {
          return await this.finish(job, current, actor, "failed", {
            code: "assignedToAnotherUser",
            message: `Serial number ${current.serialNumber} already exists in Entra ID and is assigned to another user. Unassign it there first, then resume the job.`,
          });
        }
        current = await this.saveRow({
          ...current,
          deviceId: device.id,
          steps: {
            created: true,
            assigned: device.assignedTo?.id !== undefined && device.assignedTo.id === current.userId,
            activated: device.status === "activated" && device.assignedTo?.id === current.userId,
          },
        });
        await recordToken(this.deps, job, current, device.status, existing ? undefined : actor, "create");
      }

      step = "assign";
      if (wantsUser && !current.steps.assigned) {
        await this.deps.graph.assignDevice(current.userId!, current.deviceId!);
        current = await this.saveRow({ ...current, steps: { ...current.steps, assigned: true } });
        await recordToken(this.deps, job, current, "assigned", actor, "assign");
      }

      step = "activate";
      if (wantsActivation && !current.steps.activated) {
        await activateNow(this.deps.graph, {
          userId: current.userId!,
          deviceId: current.deviceId!,
          secretKey: this.deps.cipher.decrypt(current.encryptedSecret!),
          hashFunction: current.hashFunction!,
          timeIntervalInSeconds: current.timeIntervalInSeconds!,
          now: this.deps.now,
        });
        current = await this.saveRow({ ...current, steps: { ...current.steps, activated: true } });
        // The outcome is decided by reading the device back (verifyActivations).
        return current;
      }

      // Activated before (by an earlier run): the read-back in verifyActivations settles it.
      if (current.steps.activated) return current;

      const outcome = current.steps.assigned ? "assigned" : "created";
      return await this.finish(job, current, actor, outcome);
    } catch (error) {
      this.deps.logger.warn({ jobId: job.jobId, row: current.row, serialNumber: current.serialNumber, step, err: error }, "import row failed");
      return await this.finish(job, current, actor, "failed", errorOf(error), step);
    }
  }

  /**
   * Creates the devices of rows that Graph does not have yet with delta requests of
   * {@link bulkCreateSize}, then reads the inventory back and marks the rows it finds as created
   * (and assigned, when created with assignTo). A row whose device is still missing, for example
   * because its chunk failed, is created alone in the per-row step, which reports its own error.
   */
  private async createInBulk(
    job: ImportJob,
    rows: ImportRowRecord[],
    devices: Map<string, HardwareOathDevice>,
    actor: Actor,
    limit: ReturnType<typeof pLimit>,
  ): Promise<void> {
    const wanted = rows.filter((row) => row.outcome === undefined && !row.steps.created && !devices.has(row.serialNumber.toLowerCase()));
    if (wanted.length < 2) return;

    const chunks: ImportRowRecord[][] = [];
    for (let start = 0; start < wanted.length; start += bulkCreateSize) chunks.push(wanted.slice(start, start + bulkCreateSize));
    await Promise.all(
      chunks.map((chunk) =>
        limit(async () => {
          try {
            await this.deps.graph.createDevices(chunk.map((row) => this.createParams(job, row)));
          } catch (error) {
            this.deps.logger.warn({ jobId: job.jobId, rows: chunk.length, err: error }, "bulk create failed; its rows are created one by one");
          }
        }),
      ),
    );

    for (const device of await this.deps.graph.listDevices()) devices.set(device.serialNumber.toLowerCase(), device);
    await Promise.all(
      wanted.map((row) =>
        limit(async () => {
          const device = devices.get(row.serialNumber.toLowerCase());
          if (!device) return;
          const saved = await this.saveRow({
            ...row,
            deviceId: device.id,
            steps: { created: true, assigned: device.assignedTo?.id !== undefined && device.assignedTo.id === row.userId, activated: false },
          });
          rows[rows.indexOf(row)] = saved;
          await recordToken(this.deps, job, saved, device.status, actor, "create");
        }),
      ),
    );
  }

  private createParams(job: ImportJob, row: ImportRowRecord): CreateDeviceParams {
    const assign = job.mode !== "import" && row.userId !== undefined;
    return {
      serialNumber: row.serialNumber,
      manufacturer: row.manufacturer,
      model: row.model,
      displayName: row.displayName,
      secretKey: this.deps.cipher.decrypt(row.encryptedSecret!),
      timeIntervalInSeconds: row.timeIntervalInSeconds!,
      hashFunction: row.hashFunction!,
      // Creating with assignTo saves one Graph request per token.
      ...(assign ? { assignTo: { id: row.userId! } } : {}),
    };
  }

  /** Creates one device; when Graph already has the serial (a retried create that had succeeded), adopts it. */
  private async createDevice(job: ImportJob, row: ImportRowRecord): Promise<HardwareOathDevice> {
    try {
      return await this.deps.graph.createDevice(this.createParams(job, row));
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.code === "duplicateSerial")) throw error;
      const existing = await this.deps.graph.findDeviceBySerial(row.serialNumber);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Reads the inventory back once and settles every row that sent an activation: only a device in
   * status `activated` for the row's user counts as activated.
   */
  private async verifyActivations(job: ImportJob, rows: ImportRowRecord[], actor: Actor): Promise<void> {
    const waiting = rows.filter((row) => row.outcome === undefined && row.steps.activated);
    if (waiting.length === 0) return;

    const devices = new Map<string, HardwareOathDevice>();
    for (const device of await this.deps.graph.listDevices()) devices.set(device.id, device);

    const limit = pLimit(this.deps.concurrency);
    await Promise.all(
      waiting.map((row) =>
        limit(async () => {
          const device = devices.get(row.deviceId!);
          const activated = device?.status === "activated" && device.assignedTo?.id === row.userId;
          const settled = activated
            ? await this.finish(job, row, actor, "activated")
            : await this.finish(job, row, actor, "failed", {
                code: "activationNotConfirmed",
                message: `Graph accepted the code for ${row.serialNumber}, but reading the token back shows status ${device?.status ?? "missing"}. Activate it again from the inventory.`,
              }, "activate");
          rows[rows.indexOf(row)] = settled;
        }),
      ),
    );
  }

  /** Stores the row's final outcome, drops seeds that are no longer needed and audits it. */
  private async finish(
    job: ImportJob,
    row: ImportRowRecord,
    actor: Actor,
    outcome: "created" | "assigned" | "activated" | "failed",
    error?: { code: string; message: string },
    step?: string,
  ): Promise<ImportRowRecord> {
    const dropSeed = outcome === "activated" && !job.keepSeeds;
    // A row whose user was rejected at validation stays failed, with that reason, once its token is created.
    const finalOutcome = row.error && outcome !== "activated" ? "failed" : outcome;
    const settled = await this.saveRow({
      ...row,
      outcome: finalOutcome,
      error: error ?? row.error,
      encryptedSecret: finalOutcome === "failed" && !row.steps.created ? row.encryptedSecret : undefined,
    });

    if (outcome === "activated") await recordToken(this.deps, job, settled, "activated", actor, "activate", dropSeed);
    if (outcome === "failed") {
      await this.deps.stores.audit.append({
        time: new Date().toISOString(),
        actor: actor.name,
        action: step ?? "import",
        serialNumber: row.serialNumber,
        targetUser: row.upn,
        outcome: "failure",
        reason: error?.message,
        jobId: row.jobId,
      });
    }
    return settled;
  }

  private saveRow(row: ImportRowRecord): Promise<ImportRowRecord> {
    return this.deps.stores.importRows.update(row);
  }
}

/** Identifies this process as the runner of a job. */
export function runnerId(): string {
  return `${os.hostname()}:${process.pid}`;
}

function zeroCounts() {
  return { valid: 0, created: 0, assigned: 0, activated: 0, skipped: 0, failed: 0 };
}

/** Counts final outcomes of rows. */
export function countOutcomes(rows: ImportRowRecord[]): Record<string, number> {
  const counts: Record<string, number> = zeroCounts();
  for (const row of rows) if (row.outcome) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
  return counts;
}
