import { createHmac } from "node:crypto";

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Decodes RFC 4648 Base32 (no padding, case-insensitive). Test-only: independent of product code. */
export function decodeBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const character of text.toUpperCase().replace(/=+$/, "")) {
    const index = base32Alphabet.indexOf(character);
    if (index < 0) throw new Error(`"${character}" is not a Base32 character`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP code, 6 digits, as a zero-padded string. */
export function totpCode(
  secretBase32: string,
  unixSeconds: number,
  options: { period?: 30 | 60; algorithm?: "sha1" | "sha256" } = {},
): string {
  const counter = Math.floor(unixSeconds / (options.period ?? 30));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));

  const digest = createHmac(options.algorithm ?? "sha1", decodeBase32(secretBase32)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/**
 * Finds a time step within `maxSteps` before now whose code starts with "0", and returns the code.
 * About one step in ten qualifies, so a few dozen steps are enough.
 */
export function findLeadingZeroCode(secretBase32: string, maxSteps = 500): { code: string; unixSeconds: number } {
  const now = Math.floor(Date.now() / 1000);
  for (let step = 0; step <= maxSteps; step++) {
    const unixSeconds = now - step * 30;
    const code = totpCode(secretBase32, unixSeconds);
    if (code.startsWith("0")) return { code, unixSeconds };
  }
  throw new Error(`No code starting with 0 in the last ${maxSteps} steps`);
}

/** A 6-digit code that matches no step within `windowSteps` of now, so any verifier must reject it. */
export function codeOutsideWindow(secretBase32: string, windowSteps: number): string {
  const now = Math.floor(Date.now() / 1000);
  const valid = new Set<string>();
  // One step more on each side covers a step boundary passing while the test runs.
  for (let step = -windowSteps - 1; step <= windowSteps + 1; step++) valid.add(totpCode(secretBase32, now + step * 30));

  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}
