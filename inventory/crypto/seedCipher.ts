import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { InventoryError } from "../errors.js";

/** Seeds could not be sealed or opened: wrong key, altered value, or not a sealed value at all. */
export class SeedCipherError extends InventoryError {
  override name = "SeedCipherError";
  constructor(code: "invalidSecretKey" | "invalidSealedSeed" | "seedDecryptionFailed", message: string) {
    super(code, message);
  }
}

/** Encrypts and decrypts seeds at rest. */
export interface SeedCipher {
  /** Seals a seed as `v1.` + base64url(iv | tag | ciphertext), with a fresh random IV each call. */
  encrypt(plain: string): string;
  /**
   * Opens a value made by `encrypt` with the same key.
   * @throws SeedCipherError `invalidSealedSeed` when the value is not in that format,
   *   `seedDecryptionFailed` when the key is wrong or the value was altered.
   */
  decrypt(sealed: string): string;
}

const version = "v1.";
const keyBytes = 32;
/** 12 bytes is GCM's standard IV length, which it uses as is instead of hashing it first. */
const ivBytes = 12;
const tagBytes = 16;

/**
 * Creates the seed cipher: AES-256-GCM with a random 12-byte IV per value and a 16-byte tag.
 * @throws SeedCipherError `invalidSecretKey` unless the key is exactly 32 bytes.
 */
export function createSeedCipher(key: Buffer): SeedCipher {
  if (key.length !== keyBytes) {
    throw new SeedCipherError("invalidSecretKey", `The seed encryption key is ${key.length} bytes; it must be ${keyBytes}.`);
  }
  const secretKey = Buffer.from(key);

  return {
    encrypt(plain) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv("aes-256-gcm", secretKey, iv, { authTagLength: tagBytes });
      const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return version + Buffer.concat([iv, tag, ciphertext]).toString("base64url");
    },

    decrypt(sealed) {
      const body = sealed.startsWith(version) ? sealed.slice(version.length) : undefined;
      if (body === undefined || !/^[A-Za-z0-9_-]+$/.test(body)) {
        throw new SeedCipherError("invalidSealedSeed", "The stored seed is not a sealed value (expected v1. and base64url).");
      }
      const bytes = Buffer.from(body, "base64url");
      if (bytes.length < ivBytes + tagBytes) {
        throw new SeedCipherError("invalidSealedSeed", "The stored seed is too short to be a sealed value.");
      }

      const iv = bytes.subarray(0, ivBytes);
      const tag = bytes.subarray(ivBytes, ivBytes + tagBytes);
      const ciphertext = bytes.subarray(ivBytes + tagBytes);
      try {
        const decipher = createDecipheriv("aes-256-gcm", secretKey, iv, { authTagLength: tagBytes });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        // No cause is attached: a wrong key and an altered value must look the same to the caller.
        throw new SeedCipherError(
          "seedDecryptionFailed",
          "The stored seed could not be decrypted: TOKEN_SECRET_KEY differs from the key it was encrypted with, " +
            "or the value was altered. Restore the original key or import the seed again.",
        );
      }
    },
  };
}
