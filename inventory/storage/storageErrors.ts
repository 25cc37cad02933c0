import { ConflictError, InventoryError, NotFoundError } from "../errors.js";

/** Table Storage could not be reached or returned an unexpected failure. */
export class StorageError extends InventoryError {
  override name = "StorageError";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("storageFailed", message, { status: 503, ...options });
  }
}

/** The HTTP status of an SDK `RestError`, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** The service's error code (for example `EntityAlreadyExists`), or undefined. */
export function serviceCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Describes the failed operation for {@link toStorageFault}: table, verb and the entity's original id. */
export interface OperationContext {
  table: string;
  operation: string;
  /** Readable id of the entity, for example `token 71230011`. Never a secret. */
  subject?: string;
}

/**
 * Turns an SDK error into the product's error: our own errors pass through, 412 becomes
 * ConflictError `etagMismatch`, 404 becomes NotFoundError `<notFoundCode>`, anything else StorageError.
 */
export function toStorageFault(error: unknown, context: OperationContext, notFoundCode = "entityNotFound"): Error {
  if (error instanceof InventoryError) return error;

  const subject = context.subject ?? "the entity";
  const status = statusOf(error);
  if (status === 412) {
    return new ConflictError(
      "etagMismatch",
      `${capitalize(subject)} in table ${context.table} changed since it was read; read it again and retry the ${context.operation}.`,
      { cause: error },
    );
  }
  if (status === 404) {
    return new NotFoundError(notFoundCode, `${capitalize(subject)} was not found in table ${context.table}.`, {
      cause: error,
    });
  }
  const detail = status ? `status ${status}${serviceCodeOf(error) ? ` ${serviceCodeOf(error)}` : ""}` : "no response";
  return new StorageError(
    `The ${context.operation} of ${subject} in table ${context.table} failed (${detail}); check that Table Storage is reachable.`,
    { cause: error },
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
