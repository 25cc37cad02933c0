import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** HMAC-SHA256 signatures over values that leave the service and come back, such as card data. */
export interface Signer {
  /** Signs a JSON value; key order does not matter. Returns base64url. */
  sign(value: unknown): string;
  /** True when `signature` was made by {@link sign} for an equal value with the same key. */
  verify(value: unknown, signature: string): boolean;
}

/** JSON with object keys sorted at every level, so that equal values sign equally after a round trip. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Creates a signer whose key is derived (HKDF-SHA256) from the seed key for one purpose, so that
 * signatures survive restarts and no two purposes share a key.
 */
export function createSigner(secretKey: Buffer, purpose: string): Signer {
  const key = Buffer.from(hkdfSync("sha256", secretKey, Buffer.alloc(0), `token-inventory ${purpose}`, 32));
  const mac = (value: unknown) => createHmac("sha256", key).update(canonicalJson(value)).digest();

  return {
    sign: (value) => mac(value).toString("base64url"),
    verify(value, signature) {
      const expected = mac(value);
      const given = Buffer.from(signature, "base64url");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
