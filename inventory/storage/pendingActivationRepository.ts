import { odata } from "@azure/data-tables";
import { ConflictError } from "../errors.js";
import type { EntityTable } from "./entityTable.js";
import { encodeKey } from "./keys.js";
import { requireString } from "./properties.js";

/** A claim that waits for the code shown on the token. */
export interface PendingActivation {
  userId: string;
  serialNumber: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Pending activations in the `pending` table: PartitionKey = encoded user id, RowKey = encoded
 * serial. Kept in Table Storage so that a claim survives a restart of the bot.
 */
export class PendingActivationStore {
  constructor(private readonly table: EntityTable) {}

  /** Creates or renews the pending activation of this user for this token. */
  async upsert(pending: PendingActivation): Promise<void> {
    const entity = { partitionKey: encodeKey(pending.userId), rowKey: encodeKey(pending.serialNumber), ...pending };
    await this.table.upsert(entity, `pending activation of ${pending.serialNumber}`);
  }

  /** Lists the user's pending activations that have not expired at `now`, oldest first. */
  async list(userId: string, now: Date): Promise<PendingActivation[]> {
    const result: PendingActivation[] = [];
    for await (const entity of this.table.list(odata`PartitionKey eq ${encodeKey(userId)}`)) {
      const expiresAt = requireString(entity, "expiresAt");
      if (Date.parse(expiresAt) <= now.getTime()) continue;
      result.push({
        userId: requireString(entity, "userId"),
        serialNumber: requireString(entity, "serialNumber"),
        createdAt: requireString(entity, "createdAt"),
        expiresAt,
      });
    }
    return result.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Deletes one pending activation; one that does not exist is not an error. */
  async delete(userId: string, serialNumber: string): Promise<void> {
    const partitionKey = encodeKey(userId);
    const rowKey = encodeKey(serialNumber);
    const subject = `pending activation of ${serialNumber}`;
    const current = await this.table.get(partitionKey, rowKey, subject);
    if (!current) return;
    try {
      await this.table.delete(partitionKey, rowKey, current.etag, subject);
    } catch (error) {
      // A concurrent renewal of the same claim wins; the user can cancel again.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
