/** When and how long the gateway waits before sending a Graph request again. */
export interface RetryOptions {
  /** Attempts per request, the first one included. @default 8 */
  maxAttempts: number;
  /** Upper bound of one wait, in milliseconds, even when Retry-After requests more. @default 30000 */
  maxDelayMs: number;
  /** Upper bound of all waits for one request, in milliseconds. @default 120000 */
  maxTotalDelayMs: number;
  /** First backoff step when Graph sends no Retry-After, in milliseconds; it doubles per attempt. @default 500 */
  baseDelayMs: number;
  /** Time limit of one attempt, in milliseconds. @default 60000 */
  attemptTimeoutMs: number;
}

/** Retry settings used unless the gateway options override them. */
export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 8,
  maxDelayMs: 30_000,
  maxTotalDelayMs: 120_000,
  baseDelayMs: 500,
  attemptTimeoutMs: 60_000,
};

/** HTTP statuses after which Graph expects the same request again: throttling and transient outages. */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 503, 504]);

/** Methods that may be sent again after a network failure, when Graph may or may not have acted. */
export const idempotentMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "DELETE", "PUT", "OPTIONS"]);

/**
 * Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined when the header is absent or unreadable; a date in the past gives 0.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;

  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);

  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Computes the wait before attempt `attempt + 1`: Retry-After when present, else exponential
 * backoff with jitter (between half and all of the step). Both are capped at `maxDelayMs`.
 */
export function computeRetryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);

  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  // Jitter spreads the retries of concurrent import workers instead of sending them together.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
