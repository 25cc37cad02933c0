/** Table Storage of the token service: the factory, the repositories and their record types. */
export { createTableStores, tableNames, type TableStores, type TableStoresOptions } from "./tableStores.js";
export type { TokenRecord, TokenFilter, TokenPage, TokenRepository } from "./tokenRepository.js";
export { createImportJobId, type ImportJob, type ImportJobState, type ImportJobRepository } from "./importJobRepository.js";
export type { ImportRowRecord, ImportRowSteps, ImportRowRepository } from "./importRowRepository.js";
export type { AuditEntry, AuditOutcome, AuditPage, AuditQuery, AuditRepository } from "./auditRepository.js";
export type { ConversationRecord, ConversationRepository } from "./conversationRepository.js";
export { defaultAttemptWindowMs, type AttemptRepository } from "./attemptRepository.js";
export { encodeKey, decodeKey, assertLegalKey, isLegalKey } from "./keys.js";
export { assertEntityWithinLimits } from "./limits.js";
export { StorageError } from "./storageErrors.js";
