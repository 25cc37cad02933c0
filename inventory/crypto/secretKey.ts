import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../errors.js";

/** Options of {@link loadOrCreateSecretKey}. */
export interface LoadSecretKeyOptions {
  /** Value of TOKEN_SECRET_KEY: base64 of 32 bytes. A secret. */
  configuredKey?: string;
  /** Local data folder. In sandbox mode the generated key lives in `<dataDir>/token-secret.key`. */
  dataDir: string;
  /** True when the app runs against the sandbox tenant. */
  sandbox: boolean;
}

/** Name of the generated key file inside the data folder. */
export const secretKeyFileName = "token-secret.key";
const keyBytes = 32;

/**
 * Returns the 32-byte key that encrypts seeds at rest. A configured key wins. Without one, sandbox
 * mode generates a key once into `<dataDir>/token-secret.key` (mode 0600) and reuses it on later starts.
 * @throws ConfigurationError `invalidTokenSecretKey` when a key does not decode to exactly 32 bytes,
 *   `missingTokenSecretKey` when no key is configured outside sandbox mode. Messages never contain the key.
 */
export function loadOrCreateSecretKey(options: LoadSecretKeyOptions): Buffer {
  if (options.configuredKey !== undefined && options.configuredKey.trim() !== "") {
    return decodeKey(options.configuredKey, "TOKEN_SECRET_KEY");
  }
  if (!options.sandbox) {
    throw new ConfigurationError(
      "missingTokenSecretKey",
      "TOKEN_SECRET_KEY is missing; set it to base64 of 32 random bytes (for example: openssl rand -base64 32).",
    );
  }

  const file = path.join(options.dataDir, secretKeyFileName);
  const existing = readKeyFile(file);
  if (existing !== undefined) return decodeKey(existing, file);

  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(keyBytes);
  try {
    // "wx" fails when another process created the file first. Then that key is used.
    writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return decodeKey(readFileSync(file, "utf8"), file);
    throw error;
  }
  // The mode given at creation is reduced by the umask. Set it explicitly.
  chmodSync(file, 0o600);
  return key;
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Decodes base64 text to a 32-byte key. `source` names where the text came from, never the text. */
function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, "base64");
  const isBase64 = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed);
  if (!isBase64 || key.length !== keyBytes) {
    throw new ConfigurationError(
      "invalidTokenSecretKey",
      `The key in ${source} is not base64 of exactly ${keyBytes} bytes; generate one with: openssl rand -base64 32.`,
    );
  }
  return key;
}
