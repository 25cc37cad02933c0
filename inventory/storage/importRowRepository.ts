import { odata } from "@azure/data-tables";
import { ConflictError, ValidationError } from "../errors.js";
import type { HashFunction, RowOutcome, TimeInterval } from "../types.js";
import type { EntityTable, StoredEntity } from "./entityTable.js";
import { encodeKey } from "./keys.js";
import { optionalNumber, optionalString, readBoolean, requireNumber, requireString } from "./properties.js";

/** Progress of one row through the steps of an import. A resumed job skips the steps already done. */
export interface ImportRowSteps {
  created: boolean;
  assigned: boolean;
  activated: boolean;
}

/** One row of an import job: its normalised input (seed encrypted) and its progress. */
export interface ImportRowRecord {
  jobId: string;
  /** 1-based data row number in the file. */
  row: number;
  serialNumber: string;
  upn?: string;
  /** Entra object id that the UPN resolved to. */
  userId?: string;
  userDisplayName?: string;
  /** The seed sealed by the seed cipher (`v1.…`). Removed once it is no longer needed. */
  encryptedSecret?: string;
  /** Undefined for a row that failed validation before its hash was known. */
  hashFunction?: HashFunction;
  hashInferred: boolean;
  /** Undefined for a row that failed validation before its interval was known. */
  timeIntervalInSeconds?: TimeInterval;
  manufacturer: string;
  model: string;
  displayName?: string;
  deviceId?: string;
  steps: ImportRowSteps;
  outcome?: RowOutcome;
  /** Why the row failed. The message never contains the seed or a code. */
  error?: { code: string; message: string };
  /** Etag of the stored entity. Pass it back unchanged to update. */
  etag?: string;
}

/** Rows of import jobs in table `importrows`: PartitionKey = encoded job id, RowKey = zero-padded row number. */
export interface ImportRowRepository {
  /**
   * Stores the rows of a new job in transactions of at most 100 rows.
   * @throws ConflictError `importRowsExist` when a row of the job is stored already.
   */
  saveAll(jobId: string, rows: ImportRowRecord[]): Promise<void>;
  /** Streams the rows of a job in row order. */
  list(jobId: string): AsyncIterable<ImportRowRecord>;
  /** Replaces a row if it did not change since it was read. @throws ConflictError `etagMismatch`, NotFoundError `importRowNotFound`. */
  update(row: ImportRowRecord): Promise<ImportRowRecord>;
}

/** Digits of the RowKey. Enough for 99,999,999 rows. */
const rowDigits = 8;

/** Creates the import row repository on the `importrows` table. */
export function createImportRowRepository(table: EntityTable): ImportRowRepository {
  return {
    async saveAll(jobId, rows) {
      const foreign = rows.find((row) => row.jobId !== jobId);
      if (foreign) {
        throw new ValidationError("invalidImportRow", `Row ${foreign.row} belongs to job ${foreign.jobId}, not ${jobId}.`);
      }

      const exists = () =>
        new ConflictError("importRowsExist", `Rows of import job ${jobId} are stored already; start a new job.`);
      await table.submitInChunks(
        rows.map((row) => ({ kind: "create", entity: toEntity(row) })),
        exists,
      );
    },

    async *list(jobId) {
      for await (const entity of table.list(odata`PartitionKey eq ${encodeKey(jobId)}`)) yield fromEntity(entity);
    },

    async update(row) {
      const etag = await table.update(toEntity(row), row.etag, {
        subject: `row ${row.row} of import job ${row.jobId}`,
        notFoundCode: "importRowNotFound",
      });
      return { ...row, etag };
    },
  };
}

function rowKeyOf(row: number): string {
  if (!Number.isInteger(row) || row < 1 || row >= 10 ** rowDigits) {
    throw new ValidationError("invalidImportRow", `Row number ${row} is invalid; use 1 to ${10 ** rowDigits - 1}.`);
  }
  return String(row).padStart(rowDigits, "0");
}

function toEntity(row: ImportRowRecord) {
  return {
    partitionKey: encodeKey(row.jobId),
    rowKey: rowKeyOf(row.row),
    jobId: row.jobId,
    row: row.row,
    serialNumber: row.serialNumber,
    upn: row.upn,
    userId: row.userId,
    userDisplayName: row.userDisplayName,
    encryptedSecret: row.encryptedSecret,
    hashFunction: row.hashFunction,
    hashInferred: row.hashInferred,
    timeIntervalInSeconds: row.timeIntervalInSeconds,
    manufacturer: row.manufacturer,
    model: row.model,
    displayName: row.displayName,
    deviceId: row.deviceId,
    stepCreated: row.steps.created,
    stepAssigned: row.steps.assigned,
    stepActivated: row.steps.activated,
    outcome: row.outcome,
    errorCode: row.error?.code,
    errorMessage: row.error?.message,
  };
}

function fromEntity(entity: StoredEntity): ImportRowRecord {
  const errorCode = optionalString(entity, "errorCode");
  return {
    jobId: requireString(entity, "jobId"),
    row: requireNumber(entity, "row"),
    serialNumber: requireString(entity, "serialNumber"),
    upn: optionalString(entity, "upn"),
    userId: optionalString(entity, "userId"),
    userDisplayName: optionalString(entity, "userDisplayName"),
    encryptedSecret: optionalString(entity, "encryptedSecret"),
    hashFunction: optionalString(entity, "hashFunction") as HashFunction | undefined,
    hashInferred: readBoolean(entity, "hashInferred"),
    timeIntervalInSeconds: optionalNumber(entity, "timeIntervalInSeconds") as TimeInterval | undefined,
    manufacturer: requireString(entity, "manufacturer"),
    model: requireString(entity, "model"),
    displayName: optionalString(entity, "displayName"),
    deviceId: optionalString(entity, "deviceId"),
    steps: {
      created: readBoolean(entity, "stepCreated"),
      assigned: readBoolean(entity, "stepAssigned"),
      activated: readBoolean(entity, "stepActivated"),
    },
    outcome: optionalString(entity, "outcome") as RowOutcome | undefined,
    error: errorCode ? { code: errorCode, message: optionalString(entity, "errorMessage") ?? "" } : undefined,
    etag: entity.etag,
  };
}
