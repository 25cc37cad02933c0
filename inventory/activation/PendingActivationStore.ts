import { odata, TableClient } from "@azure/data-tables";
import { ConfigurationError, ConflictError } from "../errors.js";
import { EntityTable } from "../storage/entityTable.js";
import { encodeKey } from "../storage/keys.js";
import { requireString } from "../storage/properties.js";
import { toStorageFault } from "../storage/storageErrors.js";

/** A claim that waits for the code shown on the token. */
export interface PendingActivation {
  userId: string;
  serialNumber: string;
  createdAt: string;
  expiresAt: string;
}

/** Options of {@link openPendingActivationStore}: the same account and prefix as the other tables. */
export interface PendingStoreOptions {
  /** A secret: never log it. */
  connectionString: string;
  tablePrefix?: string;
}

/** Base name of the table; it gets the same prefix as the storage layer's tables. */
export const pendingTableName = "pending";

const loopbackHttpEndpoint = /(^|;)\s*TableEndpoint\s*=\s*http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i;

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

/**
 * Opens the `pending` table (creating it when missing) the way the storage layer opens its tables:
 * plain HTTP only to an emulator on this machine.
 */
export async function openPendingActivationStore(options: PendingStoreOptions): Promise<PendingActivationStore> {
  const name = `${options.tablePrefix ?? ""}${pendingTableName}`;
  let client: TableClient;
  try {
    client = TableClient.fromConnectionString(options.connectionString, name, {
      allowInsecureConnection: loopbackHttpEndpoint.test(options.connectionString),
    });
  } catch (error) {
    throw new ConfigurationError("invalidTablesConnectionString", "TABLES_CONNECTION_STRING is invalid; copy it from the storage account's Access keys page.", { cause: error });
  }
  try {
    await client.createTable();
  } catch (error) {
    throw toStorageFault(error, { table: name, operation: "creation", subject: "the table" });
  }
  return new PendingActivationStore(new EntityTable(name, client));
}
