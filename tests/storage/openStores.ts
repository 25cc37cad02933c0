import { randomBytes } from "node:crypto";
import { TableClient } from "@azure/data-tables";
import { createTableStores, type TableStores, type TableStoresOptions } from "../../inventory/storage/index.js";

/** Connection string of the Azurite that the global setup started. */
export function testConnectionString(): string {
  const connectionString = process.env.TEST_TABLES_CONNECTION_STRING;
  if (!connectionString) throw new Error("TEST_TABLES_CONNECTION_STRING is not set; run the tests through vitest.");
  return connectionString;
}

/** Creates a table prefix of letters and digits that no other test file uses. */
export function uniquePrefix(name: string): string {
  return `${name}${randomBytes(4).toString("hex")}`;
}

/** Opens the repositories on fresh tables with a unique prefix. */
export async function openStores(name: string, options: Partial<TableStoresOptions> = {}) {
  const tablePrefix = uniquePrefix(name);
  const stores: TableStores = await createTableStores({
    connectionString: testConnectionString(),
    tablePrefix,
    ...options,
  });
  return { stores, tablePrefix };
}

/** Creates a raw SDK client on one of the test tables, to look at what was really stored. */
export function rawTable(tableName: string): TableClient {
  return TableClient.fromConnectionString(testConnectionString(), tableName, { allowInsecureConnection: true });
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}
