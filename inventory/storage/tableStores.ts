import { TableClient } from "@azure/data-tables";
import type { TokenCredential } from "@azure/identity";
import { ConfigurationError } from "../errors.js";
import { createAttemptRepository, type AttemptRepository } from "./attemptRepository.js";
import { createAuditRepository, type AuditRepository } from "./auditRepository.js";
import { createConversationRepository, type ConversationRepository } from "./conversationRepository.js";
import { EntityTable } from "./entityTable.js";
import { createImportJobRepository, type ImportJobRepository } from "./importJobRepository.js";
import { createImportRowRepository, type ImportRowRepository } from "./importRowRepository.js";
import { PendingActivationStore } from "./pendingActivationRepository.js";
import { toStorageFault } from "./storageErrors.js";
import { createTokenRepository, type TokenRepository } from "./tokenRepository.js";

/** Options of {@link createTableStores}. */
export interface TableStoresOptions {
  /** Table Storage connection string (an account key or SAS). A secret, never log it. */
  connectionString?: string;
  /**
   * Table service URL, e.g. `https://account.table.core.windows.net`, used with `credential`
   * when there is no connection string: the production path with a managed identity.
   */
  endpoint?: string;
  credential?: TokenCredential;
  /** Letters and digits put before every table name, so that tests can share one account. */
  tablePrefix?: string;
  /** Clock for audit and attempt times. @default () => new Date() */
  now?: () => Date;
}

/** The repositories of the token service, one per table. */
export interface TableStores {
  tokens: TokenRepository;
  importJobs: ImportJobRepository;
  importRows: ImportRowRepository;
  audit: AuditRepository;
  conversations: ConversationRepository;
  attempts: AttemptRepository;
  /** Claims in chat that wait for the code on the token. */
  pendingActivations: PendingActivationStore;
}

/** Base names of the tables. Each gets the prefix. */
export const tableNames = {
  tokens: "tokens",
  importJobs: "imports",
  importRows: "importrows",
  audit: "audit",
  conversations: "conversations",
  attempts: "attempts",
  pendingActivations: "pending",
} as const;

const prefixPattern = /^[A-Za-z][A-Za-z0-9]{0,40}$/;
/** Plain HTTP is allowed only to an emulator on this machine. */
const loopbackHttpEndpoint = /(^|;)\s*TableEndpoint\s*=\s*http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i;

/**
 * Connects to Table Storage, creates the tables that are missing, and returns the repositories.
 * @throws ConfigurationError `invalidTablePrefix` or `invalidTablesConnectionString`, or
 *   StorageError when Table Storage cannot be reached.
 */
export async function createTableStores(options: TableStoresOptions): Promise<TableStores> {
  const prefix = options.tablePrefix ?? "";
  if (prefix !== "" && !prefixPattern.test(prefix)) {
    throw new ConfigurationError(
      "invalidTablePrefix",
      `Table prefix "${prefix.slice(0, 50)}" is invalid; use a letter followed by at most 40 letters or digits.`,
    );
  }
  const now = options.now ?? (() => new Date());

  const open = async (baseName: string): Promise<EntityTable> => {
    const name = `${prefix}${baseName}`;
    const client = createClient(options, name);
    try {
      await client.createTable();
    } catch (error) {
      throw toStorageFault(error, { table: name, operation: "creation", subject: "the table" });
    }
    return new EntityTable(name, client);
  };

  const [tokens, importJobs, importRows, audit, conversations, attempts, pendingActivations] = await Promise.all([
    open(tableNames.tokens),
    open(tableNames.importJobs),
    open(tableNames.importRows),
    open(tableNames.audit),
    open(tableNames.conversations),
    open(tableNames.attempts),
    open(tableNames.pendingActivations),
  ]);

  return {
    tokens: createTokenRepository(tokens),
    importJobs: createImportJobRepository(importJobs),
    importRows: createImportRowRepository(importRows),
    audit: createAuditRepository(audit, now),
    conversations: createConversationRepository(conversations),
    attempts: createAttemptRepository(attempts, now),
    pendingActivations: new PendingActivationStore(pendingActivations),
  };
}

function createClient(options: TableStoresOptions, tableName: string): TableClient {
  if (!options.connectionString) {
    if (!options.endpoint || !options.credential) {
      throw new ConfigurationError("missingTableStorage", "Set TABLES_CONNECTION_STRING, or TABLES_ENDPOINT for access with the managed identity.");
    }
    return new TableClient(options.endpoint, tableName, options.credential);
  }
  const connectionString = options.connectionString;
  const allowInsecureConnection = loopbackHttpEndpoint.test(connectionString);
  try {
    return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection });
  } catch (error) {
    // The message leaves the connection string out because it contains the account key.
    throw new ConfigurationError(
      "invalidTablesConnectionString",
      "TABLES_CONNECTION_STRING is invalid; copy it from the storage account's Access keys page.",
      { cause: error },
    );
  }
}
