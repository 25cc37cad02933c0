/**
 * Error hierarchy of the token service. Callers branch on `code`, never on message text.
 * Messages name the value and say what to do, and never contain seeds, codes or bearer tokens.
 */
export class InventoryError extends Error {
  override name = "InventoryError";
  readonly code: string;
  /** HTTP status that an API layer should answer with. */
  readonly status: number;

  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 500;
  }
}

/** Input that the caller can fix: a bad file, row, argument or setting. */
export class ValidationError extends InventoryError {
  override name = "ValidationError";
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: 400, ...options });
  }
}

/** A thing that should exist and does not. */
export class NotFoundError extends InventoryError {
  override name = "NotFoundError";
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: 404, ...options });
  }
}

/** The request conflicts with the current state (wrong status, already assigned, ETag mismatch). */
export class ConflictError extends InventoryError {
  override name = "ConflictError";
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: 409, ...options });
  }
}

/** Configuration that is missing or wrong. */
export class ConfigurationError extends InventoryError {
  override name = "ConfigurationError";
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: 500, ...options });
  }
}
