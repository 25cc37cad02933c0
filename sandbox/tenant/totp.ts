import { createHmac } from "node:crypto";

/** HMAC hash of a TOTP token, in Graph's words. */
export type TotpHash = "hmacsha1" | "hmacsha256";

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * Decodes RFC 4648 Base32 without padding, case-insensitively.
 * @throws Error when a character is outside A–Z and 2–7.
 */
export function decodeBase32(text: string): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.toUpperCase()) {
    const value = base32Alphabet.indexOf(char);
    if (value < 0) throw new Error("The secret is not Base32.");
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/**
 * Computes the 6-digit HOTP value (RFC 4226, section 5.3) for `counter`, which TOTP (RFC 6238)
 * sets to the time step.
 */
export function hotp(secret: Buffer, counter: number, hash: TotpHash): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(hash === "hmacsha256" ? "sha256" : "sha1", secret).update(message).digest();

  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** Time step (RFC 6238 `T`) of `epochMs` for a token with this period. */
export function timeStep(epochMs: number, periodSeconds: number): number {
  return Math.floor(epochMs / 1000 / periodSeconds);
}

/** A TOTP token as the verifier needs it. */
export interface TotpToken {
  /** Base32 seed. */
  secretKey: string;
  hashFunction: TotpHash;
  timeIntervalInSeconds: number;
  /** Last time step that a code was accepted for; codes at or before it are replays. */
  lastAcceptedStep: number | null;
}

/** Outcome of verifying a code: the matched step when valid. */
export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Verifies a 6-digit code against the steps within `window` of the current step, nearest first.
 * Steps at or before `token.lastAcceptedStep` never match, so a code is accepted once at most.
 */
export function verifyTotp(token: TotpToken, code: string, window: number, epochMs = Date.now()): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false };

  const secret = decodeBase32(token.secretKey);
  const current = timeStep(epochMs, token.timeIntervalInSeconds);
  const floor = token.lastAcceptedStep ?? -1;
  for (let distance = 0; distance <= window; distance++) {
    for (const step of distance === 0 ? [current] : [current + distance, current - distance]) {
      if (step <= floor || step < 0) continue;
      if (hotp(secret, step, token.hashFunction) === code) return { valid: true, timeStep: step };
    }
  }
  return { valid: false };
}
