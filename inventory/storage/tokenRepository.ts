import { odata } from "@azure/data-tables";
import { ConflictError } from "../errors.js";
import type { DeviceStatus, HashFunction, TimeInterval } from "../types.js";
import type { EntityTable, StoredEntity } from "./entityTable.js";
import { encodeKey } from "./keys.js";
import { optionalNumber, optionalString, requireNumber, requireString } from "./properties.js";

/**
 * A hardware token as the inventory stores it. `serialNumber` identifies it, and `deviceId` is the
 * Graph id once the device exists in Entra. Times are ISO 8601 strings in UTC.
 */
export interface TokenRecord {
  serialNumber: string;
  deviceId?: string;
  manufacturer: string;
  model: string;
  displayName?: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: TimeInterval;
  status: DeviceStatus;
  assignedUserId?: string;
  assignedUpn?: string;
  assignedDisplayName?: string;
  /** The seed sealed by the seed cipher (`v1.…`). Never the plain seed. */
  encryptedSecret?: string;
  /** Highest TOTP time step accepted so far, so that one code is never accepted twice. */
  lastAcceptedTimeStep?: number;
  /** Clock drift of the token in time steps, learnt from accepted codes. */
  driftSteps?: number;
  importJobId?: string;
  /** The admin chose to keep the encrypted seed after activation (import option keepSeeds). */
  keepSeed?: boolean;
  createdAt: string;
  updatedAt: string;
  /** Etag of the stored entity. Pass it back unchanged to update or delete. */
  etag?: string;
}

/** Filter for {@link TokenRepository.list}. All given conditions must hold. */
export interface TokenFilter {
  status?: DeviceStatus;
  assignedUserId?: string;
  /** Serial numbers that start with this text, compared byte by byte (case-sensitive). */
  serialPrefix?: string;
}

/** One page of tokens in serial order. */
export interface TokenPage {
  items: TokenRecord[];
  continuationToken?: string;
}

/**
 * Tokens in table `tokens`. All tokens share one fixed partition (`token`), with the encoded serial
 * as RowKey, so a listing is in serial order and a serial prefix is a key range. Azure's
 * scalability target for one partition is 2,000 entities per second, far above the rate that
 * Graph's throttling lets an import reach.
 */
export interface TokenRepository {
  /** Reads a token. Returns undefined when the serial is unknown. */
  get(serialNumber: string): Promise<TokenRecord | undefined>;
  /** Stores a new token. @throws ConflictError `tokenExists` when the serial is stored already. */
  create(record: TokenRecord): Promise<TokenRecord>;
  /**
   * Replaces a token if it did not change since `record.etag` was read.
   * @throws ConflictError `etagMismatch`, NotFoundError `tokenNotFound`.
   */
  update(record: TokenRecord): Promise<TokenRecord>;
  /** Inserts or replaces a token without an etag check. The service writes with create or update; this is for loading test data. */
  upsert(record: TokenRecord): Promise<TokenRecord>;
  /**
   * Deletes a token. Without an etag the current one is read first, so the delete still fails with
   * ConflictError `etagMismatch` if another writer changes the token in between.
   * Returns false when the token did not exist.
   */
  delete(serialNumber: string, etag?: string): Promise<boolean>;
  /** Streams the tokens that match the filter, in serial order. */
  list(filter?: TokenFilter): AsyncIterable<TokenRecord>;
  /** Reads one page of the tokens that match the filter, in serial order. */
  listPage(filter?: TokenFilter, page?: { pageSize?: number; continuationToken?: string }): Promise<TokenPage>;
  /** Streams the tokens assigned to a user (Entra object id). */
  listByUser(userId: string): AsyncIterable<TokenRecord>;
}

const partitionKey = "token";
const defaultPageSize = 100;

/** Creates the token repository on the `tokens` table. */
export function createTokenRepository(table: EntityTable): TokenRepository {
  const subject = (serialNumber: string) => `token ${serialNumber}`;

  return {
    async get(serialNumber) {
      const entity = await table.get(partitionKey, encodeKey(serialNumber), subject(serialNumber));
      return entity && fromEntity(entity);
    },

    async create(record) {
      const exists = () =>
        new ConflictError("tokenExists", `Token ${record.serialNumber} is already in the inventory; update it instead.`);
      const etag = await table.create(toEntity(record), exists, subject(record.serialNumber));
      return { ...record, etag };
    },

    async update(record) {
      const etag = await table.update(toEntity(record), record.etag, {
        subject: subject(record.serialNumber),
        notFoundCode: "tokenNotFound",
      });
      return { ...record, etag };
    },

    async upsert(record) {
      const etag = await table.upsert(toEntity(record), subject(record.serialNumber));
      return { ...record, etag };
    },

    async delete(serialNumber, etag) {
      const rowKey = encodeKey(serialNumber);
      const currentEtag = etag ?? (await table.get(partitionKey, rowKey, subject(serialNumber)))?.etag;
      if (!currentEtag) return false;
      return table.delete(partitionKey, rowKey, currentEtag, subject(serialNumber));
    },

    async *list(filter = {}) {
      for await (const entity of table.list(buildFilter(filter))) yield fromEntity(entity);
    },

    async listPage(filter = {}, page = {}) {
      const result = await table.listPage(buildFilter(filter), page.pageSize ?? defaultPageSize, page.continuationToken);
      return { items: result.entities.map(fromEntity), continuationToken: result.continuationToken };
    },

    listByUser(userId) {
      return this.list({ assignedUserId: userId });
    },
  };
}

/** Builds the OData filter. Every value goes through the `odata` template, which doubles quotes. */
function buildFilter(filter: TokenFilter): string {
  const clauses = [odata`PartitionKey eq ${partitionKey}`];
  if (filter.status !== undefined) clauses.push(odata`status eq ${filter.status}`);
  if (filter.assignedUserId !== undefined) clauses.push(odata`assignedUserId eq ${filter.assignedUserId}`);
  if (filter.serialPrefix) {
    // Keys are lowercase hex, so every key with this prefix sorts before the prefix followed by "g".
    const prefix = encodeKey(filter.serialPrefix);
    clauses.push(odata`RowKey ge ${prefix} and RowKey lt ${`${prefix}g`}`);
  }
  return clauses.join(" and ");
}

function toEntity(record: TokenRecord) {
  return {
    partitionKey,
    rowKey: encodeKey(record.serialNumber),
    serialNumber: record.serialNumber,
    deviceId: record.deviceId,
    manufacturer: record.manufacturer,
    model: record.model,
    displayName: record.displayName,
    hashFunction: record.hashFunction,
    timeIntervalInSeconds: record.timeIntervalInSeconds,
    status: record.status,
    assignedUserId: record.assignedUserId,
    assignedUpn: record.assignedUpn,
    assignedDisplayName: record.assignedDisplayName,
    encryptedSecret: record.encryptedSecret,
    lastAcceptedTimeStep: record.lastAcceptedTimeStep,
    driftSteps: record.driftSteps,
    importJobId: record.importJobId,
    keepSeed: record.keepSeed,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function fromEntity(entity: StoredEntity): TokenRecord {
  return {
    serialNumber: requireString(entity, "serialNumber"),
    deviceId: optionalString(entity, "deviceId"),
    manufacturer: requireString(entity, "manufacturer"),
    model: requireString(entity, "model"),
    displayName: optionalString(entity, "displayName"),
    hashFunction: requireString(entity, "hashFunction") as HashFunction,
    timeIntervalInSeconds: requireNumber(entity, "timeIntervalInSeconds") as TimeInterval,
    status: requireString(entity, "status") as DeviceStatus,
    assignedUserId: optionalString(entity, "assignedUserId"),
    assignedUpn: optionalString(entity, "assignedUpn"),
    assignedDisplayName: optionalString(entity, "assignedDisplayName"),
    encryptedSecret: optionalString(entity, "encryptedSecret"),
    lastAcceptedTimeStep: optionalNumber(entity, "lastAcceptedTimeStep"),
    driftSteps: optionalNumber(entity, "driftSteps"),
    importJobId: optionalString(entity, "importJobId"),
    keepSeed: entity.keepSeed === true ? true : undefined,
    createdAt: requireString(entity, "createdAt"),
    updatedAt: requireString(entity, "updatedAt"),
    etag: entity.etag,
  };
}
