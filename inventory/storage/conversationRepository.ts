import { odata } from "@azure/data-tables";
import { ValidationError } from "../errors.js";
import type { EntityTable, StoredEntity } from "./entityTable.js";
import { encodeKey } from "./keys.js";
import { optionalString, readBoolean, readJson, requireString } from "./properties.js";

/**
 * A Teams conversation reference kept for proactive messages. `kind` groups them, for example
 * `user` (1:1 chat, id = Entra object id) or `channel` (helpdesk channel, id = channel id).
 */
export interface ConversationRecord {
  /** Lower camel case word of at most 32 characters, used as PartitionKey as is. */
  kind: string;
  id: string;
  /** The reference as botbuilder's `TurnContext.getConversationReference` returns it. */
  conversationReference: Record<string, unknown>;
  serviceUrl: string;
  tenantId?: string;
  /** Set when sending to the conversation failed for good (bot removed, user gone). */
  stale: boolean;
  updatedAt: string;
  /** Etag of the stored entity. */
  etag?: string;
}

/** Conversation references in table `conversations`: PartitionKey = kind, RowKey = encoded id. */
export interface ConversationRepository {
  /** Stores or replaces a reference. The newest reference of a conversation wins. */
  save(record: ConversationRecord): Promise<ConversationRecord>;
  /** Reads a reference. Returns undefined when it is unknown. */
  get(kind: string, id: string): Promise<ConversationRecord | undefined>;
  /** Streams the references of one kind. Stale ones only when `includeStale` is set. */
  list(kind: string, options?: { includeStale?: boolean }): AsyncIterable<ConversationRecord>;
  /**
   * Marks a reference stale so that no more messages are sent to it. Returns false when it is unknown.
   * @throws ConflictError `etagMismatch` when it changed while being marked. Read and retry.
   */
  markStale(kind: string, id: string, now?: Date): Promise<boolean>;
}

const kindPattern = /^[a-z][A-Za-z0-9]{0,31}$/;

/** Creates the conversation repository on the `conversations` table. */
export function createConversationRepository(table: EntityTable): ConversationRepository {
  const subject = (kind: string, id: string) => `${kind} conversation ${id}`;

  return {
    async save(record) {
      const etag = await table.upsert(toEntity(record), subject(record.kind, record.id));
      return { ...record, etag };
    },

    async get(kind, id) {
      const entity = await table.get(partitionKeyOf(kind), encodeKey(id), subject(kind, id));
      return entity && fromEntity(entity);
    },

    async *list(kind, options = {}) {
      let filter = odata`PartitionKey eq ${partitionKeyOf(kind)}`;
      if (!options.includeStale) filter += odata` and stale eq ${false}`;
      for await (const entity of table.list(filter)) yield fromEntity(entity);
    },

    async markStale(kind, id, now = new Date()) {
      const current = await this.get(kind, id);
      if (!current) return false;
      await table.update(toEntity({ ...current, stale: true, updatedAt: now.toISOString() }), current.etag, {
        subject: subject(kind, id),
        notFoundCode: "conversationNotFound",
      });
      return true;
    },
  };
}

function partitionKeyOf(kind: string): string {
  if (!kindPattern.test(kind)) {
    throw new ValidationError(
      "invalidConversationKind",
      `Conversation kind "${kind.slice(0, 40)}" is invalid; use a lower camel case word of at most 32 letters or digits.`,
    );
  }
  return kind;
}

function toEntity(record: ConversationRecord) {
  return {
    partitionKey: partitionKeyOf(record.kind),
    rowKey: encodeKey(record.id),
    kind: record.kind,
    id: record.id,
    conversationReference: JSON.stringify(record.conversationReference),
    serviceUrl: record.serviceUrl,
    tenantId: record.tenantId,
    stale: record.stale,
    updatedAt: record.updatedAt,
  };
}

function fromEntity(entity: StoredEntity): ConversationRecord {
  return {
    kind: requireString(entity, "kind"),
    id: requireString(entity, "id"),
    conversationReference: readJson<Record<string, unknown>>(entity, "conversationReference"),
    serviceUrl: requireString(entity, "serviceUrl"),
    tenantId: optionalString(entity, "tenantId"),
    stale: readBoolean(entity, "stale"),
    updatedAt: requireString(entity, "updatedAt"),
    etag: entity.etag,
  };
}
