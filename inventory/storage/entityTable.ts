import { TableClient, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import { ValidationError } from "../errors.js";
import { assertEntityWithinLimits, type EntityToWrite } from "./limits.js";
import { statusOf, toStorageFault, type OperationContext } from "./storageErrors.js";

/** Maximum actions in one Table Storage transaction. */
export const maxTransactionActions = 100;
/** Maximum payload of one transaction is 4 MiB. The margin covers the multipart framing. */
const maxTransactionBytes = 3.5 * 1024 * 1024;

/** An entity as read back: its properties plus the service's `etag`. */
export type StoredEntity = Record<string, unknown> & { partitionKey: string; rowKey: string; etag: string };

/** One page of a query and the token for the next page, absent on the last page. */
export interface EntityPage {
  entities: StoredEntity[];
  continuationToken?: string;
}

/** A write inside {@link EntityTable.submitInChunks}. Updates carry the entity's etag. */
export type ChunkAction =
  | { kind: "create"; entity: EntityToWrite }
  | { kind: "upsert"; entity: EntityToWrite }
  | { kind: "update"; entity: EntityToWrite; etag: string }
  | { kind: "delete"; partitionKey: string; rowKey: string; etag: string };

/**
 * One table with the product's rules applied to every call: entities are checked against Azure's
 * limits before they are sent, `undefined` and `null` properties are left out, updates and deletes
 * need an etag and never send `*`, and SDK errors become the product's typed errors.
 */
export class EntityTable {
  constructor(
    readonly name: string,
    readonly client: TableClient,
  ) {}

  /** Reads one entity. Returns undefined when it does not exist. */
  async get(partitionKey: string, rowKey: string, subject?: string): Promise<StoredEntity | undefined> {
    try {
      return (await this.client.getEntity(partitionKey, rowKey)) as StoredEntity;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw toStorageFault(error, this.context("read", subject));
    }
  }

  /**
   * Inserts a new entity and returns its etag.
   * @throws the error from `onExists` when the keys are taken (status 409).
   */
  async create(entity: EntityToWrite, onExists: () => Error, subject?: string): Promise<string> {
    const checked = this.prepare(entity);
    try {
      const response = await this.client.createEntity(checked);
      return response.etag ?? "";
    } catch (error) {
      if (statusOf(error) === 409) throw onExists();
      throw toStorageFault(error, this.context("create", subject));
    }
  }

  /**
   * Replaces (or merges into) an existing entity if its etag still matches. Returns the new etag.
   * @throws ConflictError `etagMismatch` when someone else changed it, NotFoundError `notFoundCode` when it is gone.
   */
  async update(
    entity: EntityToWrite,
    etag: string | undefined,
    options: { mode?: "Replace" | "Merge"; subject?: string; notFoundCode?: string } = {},
  ): Promise<string> {
    const checked = this.prepare(entity);
    this.assertEtag(etag, "update", options.subject);
    try {
      const response = await this.client.updateEntity(checked, options.mode ?? "Replace", { etag });
      return response.etag ?? "";
    } catch (error) {
      throw toStorageFault(error, this.context("update", options.subject), options.notFoundCode);
    }
  }

  /** Inserts or replaces an entity without a condition. For data whose last writer wins. Returns the etag. */
  async upsert(entity: EntityToWrite, subject?: string): Promise<string> {
    const checked = this.prepare(entity);
    try {
      const response = await this.client.upsertEntity(checked, "Replace");
      return response.etag ?? "";
    } catch (error) {
      throw toStorageFault(error, this.context("upsert", subject));
    }
  }

  /**
   * Deletes an entity if its etag still matches. Returns false when it did not exist.
   * @throws ConflictError `etagMismatch` when someone else changed it since it was read.
   */
  async delete(partitionKey: string, rowKey: string, etag: string, subject?: string): Promise<boolean> {
    this.assertEtag(etag, "delete", subject);
    try {
      await this.client.deleteEntity(partitionKey, rowKey, { etag });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw toStorageFault(error, this.context("delete", subject));
    }
  }

  /** Streams every entity that matches an OData filter (build it with the SDK's `odata` template). */
  async *list(filter?: string): AsyncIterable<StoredEntity> {
    try {
      for await (const entity of this.client.listEntities({ queryOptions: { filter } })) {
        yield entity as TableEntityResult<Record<string, unknown>> as StoredEntity;
      }
    } catch (error) {
      throw toStorageFault(error, this.context("query"));
    }
  }

  /**
   * Reads one page of at most `pageSize` entities. The service may return fewer, even none, with a
   * continuation token. Callers that need a full page call again with the token.
   */
  async listPage(filter: string | undefined, pageSize: number, continuationToken?: string): Promise<EntityPage> {
    try {
      const pages = this.client
        .listEntities({ queryOptions: { filter } })
        .byPage({ maxPageSize: pageSize, continuationToken });
      const next = await pages.next();
      if (next.done) return { entities: [] };
      return { entities: [...next.value] as StoredEntity[], continuationToken: next.value.continuationToken };
    } catch (error) {
      throw toStorageFault(error, this.context("query"));
    }
  }

  /**
   * Submits writes to one partition as transactions of at most 100 actions and 3.5 MiB each.
   * Each chunk is atomic. Chunks before a failed one stay written.
   * @throws Error when the actions span partitions, which Table Storage cannot do in one transaction.
   */
  async submitInChunks(actions: ChunkAction[], onConflict: () => Error): Promise<void> {
    const chunks = this.chunk(actions.map((action) => this.toTransactionAction(action)));
    for (const chunk of chunks) {
      try {
        await this.client.submitTransaction(chunk.map((entry) => entry.action));
      } catch (error) {
        if (statusOf(error) === 409) throw onConflict();
        throw toStorageFault(error, this.context("transaction"));
      }
    }
  }

  private chunk(actions: Array<{ action: TransactionAction; bytes: number }>) {
    const partitions = new Set(actions.map((entry) => entry.action[1].partitionKey));
    if (partitions.size > 1) {
      throw new Error(`A transaction on table ${this.name} spans ${partitions.size} partitions; it must use one.`);
    }

    const chunks: Array<typeof actions> = [];
    let current: typeof actions = [];
    let currentBytes = 0;
    for (const entry of actions) {
      const full = current.length === maxTransactionActions || currentBytes + entry.bytes > maxTransactionBytes;
      if (full && current.length > 0) {
        chunks.push(current);
        current = [];
        currentBytes = 0;
      }
      current.push(entry);
      currentBytes += entry.bytes;
    }
    if (current.length > 0) chunks.push(current);
    return chunks;
  }

  private toTransactionAction(action: ChunkAction): { action: TransactionAction; bytes: number } {
    if (action.kind === "delete") {
      this.assertEtag(action.etag, "delete");
      const keys = { partitionKey: action.partitionKey, rowKey: action.rowKey };
      return { action: ["delete", keys], bytes: 1024 };
    }

    const entity = this.prepare(action.entity);
    // JSON size plus room for the headers of each part of the multipart body.
    const bytes = Buffer.byteLength(JSON.stringify(entity)) + 1024;
    if (action.kind === "update") {
      this.assertEtag(action.etag, "update");
      return { action: ["update", entity, "Replace", { etag: action.etag }], bytes };
    }
    if (action.kind === "upsert") return { action: ["upsert", entity, "Replace"], bytes };
    return { action: ["create", entity], bytes };
  }

  /** Leaves out empty properties and checks the entity against Azure's limits. */
  private prepare(entity: EntityToWrite): EntityToWrite {
    const compact = Object.fromEntries(
      Object.entries(entity).filter(([, value]) => value !== undefined && value !== null),
    ) as EntityToWrite;
    assertEntityWithinLimits(this.name, compact);
    return compact;
  }

  private assertEtag(etag: string | undefined, operation: string, subject?: string): asserts etag is string {
    if (!etag || etag === "*") {
      throw new ValidationError(
        "etagRequired",
        `The ${operation} of ${subject ?? "an entity"} in table ${this.name} needs the etag from the last read; ` +
          "read the entity first.",
      );
    }
  }

  private context(operation: string, subject?: string): OperationContext {
    return { table: this.name, operation, subject };
  }
}
