import { randomBytes } from "node:crypto";
import { odata } from "@azure/data-tables";
import { ConflictError, ValidationError } from "../errors.js";
import { assertNoSecrets } from "./auditSecrets.js";
import { decodeContinuationToken, encodeContinuationToken } from "./continuationToken.js";
import type { EntityTable, StoredEntity } from "./entityTable.js";
import { reversedTime } from "./keys.js";
import { optionalString, requireString } from "./properties.js";

/** Result of an audited action. `rejected` means the product refused it (rule, permission, rate limit). */
export type AuditOutcome = "success" | "failure" | "rejected";

/**
 * One audit log entry. Callers must never pass seeds, codes, tokens or passwords. `append`
 * rejects the obvious cases but cannot recognise every secret.
 */
export interface AuditEntry {
  /** ISO 8601 time in UTC. */
  time: string;
  /** User principal name or id of who acted, or `system`. */
  actor: string;
  action: "import" | "create" | "assign" | "activate" | "unassign" | "delete" | "fail" | (string & {});
  serialNumber?: string;
  /** UPN or id of the user the action was for. */
  targetUser?: string;
  outcome: AuditOutcome;
  reason?: string;
  jobId?: string;
  /** Extra facts, stored as JSON. */
  detail?: Record<string, unknown>;
}

/** Query of {@link AuditRepository.list}. All given conditions must hold. */
export interface AuditQuery {
  /** Earliest time, inclusive. */
  from?: Date;
  /** Latest time, inclusive. Defaults to now. */
  to?: Date;
  actor?: string;
  action?: string;
  serialNumber?: string;
  outcome?: AuditOutcome;
  /** Entries per page, 1 to 1000. @default 50 */
  pageSize?: number;
  continuationToken?: string;
}

/** One page of audit entries, newest first. */
export interface AuditPage {
  items: AuditEntry[];
  continuationToken?: string;
}

/**
 * Audit log in table `audit`: PartitionKey = month `yyyy-MM` (UTC), RowKey = reversed time, `_`,
 * random id, so each month reads newest first.
 */
export interface AuditRepository {
  /**
   * Appends an entry. @throws ValidationError `secretInAuditEntry` when a field looks like a secret,
   * `invalidAuditEntry` when the time is not a valid ISO date.
   */
  append(entry: AuditEntry): Promise<void>;
  /** Reads entries newest first across months. */
  list(query?: AuditQuery): Promise<AuditPage>;
}

const defaultPageSize = 50;
const maxPageSize = 1000;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Creates the audit repository on the `audit` table. */
export function createAuditRepository(table: EntityTable, now: () => Date): AuditRepository {
  return {
    async append(entry) {
      const time = new Date(entry.time);
      if (Number.isNaN(time.getTime())) {
        throw new ValidationError("invalidAuditEntry", `Audit time "${entry.time}" is not a valid ISO 8601 date.`);
      }
      assertNoSecrets("reason", entry.reason);
      assertNoSecrets("detail", entry.detail);

      const entity = {
        partitionKey: monthOf(time),
        rowKey: `${reversedTime(time)}_${randomBytes(6).toString("hex")}`,
        time: time.toISOString(),
        actor: entry.actor,
        action: entry.action,
        serialNumber: entry.serialNumber,
        targetUser: entry.targetUser,
        outcome: entry.outcome,
        reason: entry.reason,
        jobId: entry.jobId,
        detail: entry.detail === undefined ? undefined : JSON.stringify(entry.detail),
      };
      const collided = () => new ConflictError("auditKeyCollision", "Two audit entries got the same RowKey; retry the append.");
      await table.create(entity, collided, "audit entry");
    },

    async list(query = {}) {
      const pageSize = query.pageSize ?? defaultPageSize;
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
        throw new ValidationError("invalidPageSize", `Page size ${pageSize} is invalid; use 1 to ${maxPageSize}.`);
      }
      const to = query.to ?? now();
      const oldestMonth = await oldestStoredMonth(table);
      if (!oldestMonth) return { items: [] };
      const lastMonth = query.from && monthOf(query.from) > oldestMonth ? monthOf(query.from) : oldestMonth;

      const position = query.continuationToken
        ? decodeContinuationToken(query.continuationToken)
        : { partition: monthOf(to) };
      if (!monthPattern.test(position.partition)) {
        throw new ValidationError("invalidContinuationToken", "The continuation token is invalid; omit it to start over.");
      }
      let month: string | undefined = position.partition;
      let sdkToken = position.token;
      const items: AuditEntry[] = [];

      while (month && month >= lastMonth && items.length < pageSize) {
        const page = await table.listPage(buildFilter(month, query, to), pageSize - items.length, sdkToken);
        items.push(...page.entities.map(fromEntity));
        sdkToken = page.continuationToken;
        if (!sdkToken) month = previousMonth(month);
      }

      const more = month !== undefined && month >= lastMonth;
      return {
        items,
        continuationToken: more ? encodeContinuationToken({ partition: month!, token: sdkToken }) : undefined,
      };
    },
  };
}

/** Finds the oldest month in the table: partitions sort ascending, so it is the first entity. */
async function oldestStoredMonth(table: EntityTable): Promise<string | undefined> {
  const page = await table.listPage(undefined, 1);
  return page.entities[0]?.partitionKey;
}

function buildFilter(month: string, query: AuditQuery, to: Date): string {
  // A later RowKey is an earlier time. "~" sorts after "_" and the hex id, so every entry of
  // the `from` millisecond stays inside the range.
  const clauses = [odata`PartitionKey eq ${month}`, odata`RowKey ge ${reversedTime(to)}`];
  if (query.from) clauses.push(odata`RowKey lt ${`${reversedTime(query.from)}~`}`);
  if (query.actor !== undefined) clauses.push(odata`actor eq ${query.actor}`);
  if (query.action !== undefined) clauses.push(odata`action eq ${query.action}`);
  if (query.serialNumber !== undefined) clauses.push(odata`serialNumber eq ${query.serialNumber}`);
  if (query.outcome !== undefined) clauses.push(odata`outcome eq ${query.outcome}`);
  return clauses.join(" and ");
}

/** Formats the UTC month of a time as `yyyy-MM`. */
export function monthOf(time: Date): string {
  return time.toISOString().slice(0, 7);
}

function previousMonth(month: string): string | undefined {
  const [year, monthNumber] = month.split("-").map(Number);
  if (!year || !monthNumber) return undefined;
  const previous = new Date(Date.UTC(year, monthNumber - 2, 1));
  return previous.getUTCFullYear() < 1970 ? undefined : monthOf(previous);
}

function fromEntity(entity: StoredEntity): AuditEntry {
  const detail = optionalString(entity, "detail");
  return {
    time: requireString(entity, "time"),
    actor: requireString(entity, "actor"),
    action: requireString(entity, "action"),
    serialNumber: optionalString(entity, "serialNumber"),
    targetUser: optionalString(entity, "targetUser"),
    outcome: requireString(entity, "outcome") as AuditOutcome,
    reason: optionalString(entity, "reason"),
    jobId: optionalString(entity, "jobId"),
    detail: detail === undefined ? undefined : (JSON.parse(detail) as Record<string, unknown>),
  };
}
