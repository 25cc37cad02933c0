import { randomBytes } from "node:crypto";
import { odata } from "@azure/data-tables";
import { ConflictError } from "../errors.js";
import type { ImportMode, RowOutcome } from "../types.js";
import type { EntityTable, StoredEntity } from "./entityTable.js";
import { encodeKey, reversedTime } from "./keys.js";
import { optionalString, readBoolean, readJson, requireNumber, requireString } from "./properties.js";

/** Lifecycle of an import job. `pending` and `running` jobs resume after a crash. */
/** `draft`: stored and previewed, waiting for the admin to confirm; never resumed on its own. */
export type ImportJobState = "draft" | "pending" | "running" | "completed" | "failed";

/** One seed file import, stored before the first Graph write. Times are ISO 8601 strings in UTC. */
export interface ImportJob {
  jobId: string;
  /** User principal name or id of the admin who started the import. */
  actor: string;
  fileName: string;
  mode: ImportMode;
  /** Keep the encrypted seeds after activation instead of deleting them. */
  keepSeeds: boolean;
  /** Stored jobs are never dry runs: a dry run writes nothing. */
  dryRun?: false;
  state: ImportJobState;
  totalRows: number;
  /** Rows per outcome, for example `{ created: 3, failed: 1 }`. */
  counts: Partial<Record<RowOutcome, number>> & Record<string, number>;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** `host:pid` of the process running the job, so that a job whose process died shows as interrupted. */
  runner?: string;
  /** Etag of the stored entity. Pass it back unchanged to update. */
  etag?: string;
}

/** Import jobs in table `imports`, all in partition `job`, RowKey = encoded job id. */
export interface ImportJobRepository {
  /** Stores a new job. @throws ConflictError `importJobExists` when the id is taken. */
  create(job: ImportJob): Promise<ImportJob>;
  /** Reads a job. Returns undefined when the id is unknown. */
  get(jobId: string): Promise<ImportJob | undefined>;
  /** Replaces a job if it did not change since it was read. @throws ConflictError `etagMismatch`, NotFoundError `importJobNotFound`. */
  update(job: ImportJob): Promise<ImportJob>;
  /** Reads jobs newest first (by `createdAt`), at most `limit` (default all). */
  list(options?: { limit?: number }): Promise<ImportJob[]>;
  /** Reads the jobs in state `pending` or `running`, oldest first, to resume them. */
  listUnfinished(): Promise<ImportJob[]>;
}

const partitionKey = "job";

/**
 * Creates a job id that sorts newest first and is safe in URLs: reversed time, `-`, 8 random hex digits.
 * @param now creation time of the job
 */
export function createImportJobId(now: Date = new Date()): string {
  return `${reversedTime(now)}-${randomBytes(4).toString("hex")}`;
}

/** Creates the import job repository on the `imports` table. */
export function createImportJobRepository(table: EntityTable): ImportJobRepository {
  const subject = (jobId: string) => `import job ${jobId}`;

  return {
    async create(job) {
      const exists = () => new ConflictError("importJobExists", `Import job ${job.jobId} exists already; use a new job id.`);
      const etag = await table.create(toEntity(job), exists, subject(job.jobId));
      return { ...job, etag };
    },

    async get(jobId) {
      const entity = await table.get(partitionKey, encodeKey(jobId), subject(jobId));
      return entity && fromEntity(entity);
    },

    async update(job) {
      const etag = await table.update(toEntity(job), job.etag, {
        subject: subject(job.jobId),
        notFoundCode: "importJobNotFound",
      });
      return { ...job, etag };
    },

    async list(options = {}) {
      const jobs = await collect(table.list(odata`PartitionKey eq ${partitionKey}`));
      jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return options.limit === undefined ? jobs : jobs.slice(0, options.limit);
    },

    async listUnfinished() {
      const filter = odata`PartitionKey eq ${partitionKey} and (state eq ${"pending"} or state eq ${"running"})`;
      const jobs = await collect(table.list(filter));
      return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

async function collect(entities: AsyncIterable<StoredEntity>): Promise<ImportJob[]> {
  const jobs: ImportJob[] = [];
  for await (const entity of entities) jobs.push(fromEntity(entity));
  return jobs;
}

function toEntity(job: ImportJob) {
  return {
    partitionKey,
    rowKey: encodeKey(job.jobId),
    jobId: job.jobId,
    actor: job.actor,
    fileName: job.fileName,
    mode: job.mode,
    keepSeeds: job.keepSeeds,
    state: job.state,
    totalRows: job.totalRows,
    counts: JSON.stringify(job.counts),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    runner: job.runner,
  };
}

function fromEntity(entity: StoredEntity): ImportJob {
  return {
    jobId: requireString(entity, "jobId"),
    actor: requireString(entity, "actor"),
    fileName: requireString(entity, "fileName"),
    mode: requireString(entity, "mode") as ImportMode,
    keepSeeds: readBoolean(entity, "keepSeeds"),
    state: requireString(entity, "state") as ImportJobState,
    totalRows: requireNumber(entity, "totalRows"),
    counts: readJson<ImportJob["counts"]>(entity, "counts"),
    createdAt: requireString(entity, "createdAt"),
    updatedAt: requireString(entity, "updatedAt"),
    finishedAt: optionalString(entity, "finishedAt"),
    runner: optionalString(entity, "runner"),
    etag: entity.etag,
  };
}
