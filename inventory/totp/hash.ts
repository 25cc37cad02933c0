import type { HashFunction } from "../types.js";

/** Spellings seen in vendor files, with case, spaces, `-` and `_` removed, mapped to Graph's values. */
const hashSpellings: ReadonlyMap<string, HashFunction> = new Map([
  ["sha1", "hmacsha1"],
  ["hmacsha1", "hmacsha1"],
  ["sha256", "hmacsha256"],
  ["hmacsha256", "hmacsha256"],
]);

/**
 * Parses a vendor's hash name (`SHA1`, `sha-1`, `HMAC-SHA1`, `hmacsha256`, `SHA-256`, …) into the
 * Graph `hashFunction` value. Case, spaces, `-` and `_` are ignored. Returns undefined for any
 * other name, including SHA-512, which Entra ID does not support.
 */
export function parseHashFunction(value: string): HashFunction | undefined {
  const key = value.toLowerCase().replace(/[\s_-]/g, "");
  return hashSpellings.get(key);
}

/**
 * Infers the hash from the seed length when the file does not name it: vendors size seeds to the
 * HMAC output, so 20 bytes means SHA-1 and 32 bytes means SHA-256. Returns undefined for any
 * other length.
 */
export function inferHashFunction(byteLength: number): HashFunction | undefined {
  if (byteLength === 20) return "hmacsha1";
  if (byteLength === 32) return "hmacsha256";
  return undefined;
}
