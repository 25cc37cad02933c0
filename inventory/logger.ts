import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

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
 * Creates the root logger. LOG_LEVEL sets the level (default info; "silent" in tests). Output goes
 * to stderr, so that CLI output on stdout stays machine-readable: readable lines on a terminal
 * (pino-pretty), JSON lines otherwise or when LOG_FORMAT=json, as log collectors expect.
 */
export function createLogger(name = "token-inventory"): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info");
  const options = { name, level, redact: { paths: redactedPaths, censor: "[redacted]" } };
  if (process.stderr.isTTY && process.env.LOG_FORMAT !== "json") {
    return pino(options, pretty({ destination: 2, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" }));
  }
  return pino(options, pino.destination(2));
}
