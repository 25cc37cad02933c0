import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Paths that pino replaces with "[redacted]". Seeds, codes, bearer tokens and connection strings
 * must never reach a log line, even when a caller logs a whole object by mistake.
 */
const redactedPaths = [
  "secretKey",
  "*.secretKey",
  "*.*.secretKey",
  "verificationCode",
  "*.verificationCode",
  "*.code_value",
  "password",
  "clientSecret",
  "*.clientSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "connectionString",
  "*.connectionString",
  "accessToken",
  "*.accessToken",
  "token",
  "*.token",
];

/**
 * Creates the root logger. LOG_LEVEL sets the level (default info; "silent" in tests).
 * Output is JSON lines on stderr, so that CLI output on stdout stays machine-readable.
 */
export function createLogger(name = "token-inventory"): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info");
  return pino({ name, level, redact: { paths: redactedPaths, censor: "[redacted]" } }, pino.destination(2));
}
