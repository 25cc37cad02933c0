import { randomBytes } from "node:crypto";
import { odata } from "@azure/data-tables";
import { ConflictError, ValidationError } from "../errors.js";
import type { EntityTable } from "./entityTable.js";
import { encodeKey, reversedTime } from "./keys.js";
import { optionalString } from "./properties.js";

/** Default window in which failed code attempts count: 15 minutes. */
export const defaultAttemptWindowMs = 15 * 60 * 1000;

/**
 * Failed activation code attempts per user, for rate limiting, in table `attempts`.
 * PartitionKey = encoded Entra user id. Each failure is one entity with RowKey `a_<reversed time>_<id>`,
 * and the lock is the entity with RowKey `lock`.
 */
export interface AttemptRepository {
  /** Records one failed code attempt of a user at `at` (default now). */
  recordFailure(userId: string, at?: Date): Promise<void>;
  /** Counts the failures of a user within `windowMs` before `now`. */
  countRecent(userId: string, options?: { windowMs?: number; now?: Date }): Promise<number>;
  /** Reads until when the user is locked out. Undefined when no lock was set. The time may lie in the past. */
  getLockedUntil(userId: string): Promise<Date | undefined>;
  /** Locks the user out until the given time. A later call replaces an earlier lock. */
  lockUntil(userId: string, until: Date): Promise<void>;
  /** Deletes every failure and the lock of a user, for example after a successful activation. */
  reset(userId: string): Promise<void>;
}

const lockRowKey = "lock";

/** Creates the attempt repository on the `attempts` table. */
export function createAttemptRepository(table: EntityTable, now: () => Date): AttemptRepository {
  const subject = (userId: string) => `code attempts of user ${userId}`;

  return {
    async recordFailure(userId, at = now()) {
      const entity = {
        partitionKey: encodeKey(userId),
        rowKey: `a_${reversedTime(at)}_${randomBytes(6).toString("hex")}`,
        userId,
        time: at.toISOString(),
      };
      const collided = () => new ConflictError("attemptKeyCollision", "Two attempts got the same RowKey; retry.");
      await table.create(entity, collided, subject(userId));
    },

    async countRecent(userId, options = {}) {
      const windowMs = options.windowMs ?? defaultAttemptWindowMs;
      if (!Number.isFinite(windowMs) || windowMs <= 0) {
        throw new ValidationError("invalidAttemptWindow", `Attempt window ${windowMs} ms is invalid; use a positive number.`);
      }
      const end = options.now ?? now();
      const start = new Date(end.getTime() - windowMs);

      // Reversed times: the newest attempt has the smallest RowKey. "~" sorts after "_" and hex ids.
      const filter =
        odata`PartitionKey eq ${encodeKey(userId)}` +
        odata` and RowKey ge ${`a_${reversedTime(end)}`} and RowKey lt ${`a_${reversedTime(start)}~`}`;
      let count = 0;
      for await (const _entity of table.list(filter)) count++;
      return count;
    },

    async getLockedUntil(userId) {
      const entity = await table.get(encodeKey(userId), lockRowKey, subject(userId));
      const until = entity && optionalString(entity, "lockedUntil");
      return until === undefined ? undefined : new Date(until);
    },

    async lockUntil(userId, until) {
      const entity = { partitionKey: encodeKey(userId), rowKey: lockRowKey, userId, lockedUntil: until.toISOString() };
      await table.upsert(entity, subject(userId));
    },

    async reset(userId) {
      const partitionKey = encodeKey(userId);
      const deletes = [];
      for await (const entity of table.list(odata`PartitionKey eq ${partitionKey}`)) {
        deletes.push({ kind: "delete" as const, partitionKey, rowKey: entity.rowKey, etag: entity.etag });
      }
      const changed = () => new ConflictError("etagMismatch", `The ${subject(userId)} changed during the reset; retry it.`);
      await table.submitInChunks(deletes, changed);
    },
  };
}
