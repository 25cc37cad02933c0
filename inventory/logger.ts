import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** Property names whose values are secrets wherever they appear in a logged object. */
const secretNames = [
  "secretKey",
  "encryptedSecret",
  "seed",
  "verificationCode",
  "password",
  "clientSecret",
  "botPassword",
  "tokenSecretKey",
  "connectionString",
  "tablesConnectionString",
  "accessToken",
  "token",
  "authorization",
  "Authorization",
];

/**
 * Paths that pino replaces with "[redacted]": each secret name at the top level and up to three
 * levels down, and in request headers. This is a safety net for mistakes; callers still log ids,
 * counts and outcomes, never whole configuration objects or request bodies, because pino's
 * redaction only knows these names.
 */
export const redactedPaths = secretNames.flatMap((name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`, `headers.${name}`, `*.headers.${name}`]);

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
