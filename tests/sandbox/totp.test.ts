import { describe, expect, it } from "vitest";
import { hotp, timeStep, verifyTotp } from "../../sandbox/tenant/totp.js";
import { totpCode } from "./helpers.js";

// RFC 6238 appendix B vectors, last 6 of the 8 published digits. The seeds are the ASCII strings
// "12345678901234567890" (SHA-1) and "12345678901234567890123456789012" (SHA-256), in Base32.
const sha1Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const sha256Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";
const vectors = [
  { seconds: 59, sha1: "287082", sha256: "119246" },
  { seconds: 1111111109, sha1: "081804", sha256: "084774" },
  { seconds: 1234567890, sha1: "005924", sha256: "819424" },
  { seconds: 2000000000, sha1: "279037", sha256: "698825" },
  { seconds: 20000000000, sha1: "353130", sha256: "737706" },
];

describe("sandbox TOTP verifier", () => {
  it.each(vectors)("matches RFC 6238 at $seconds s", ({ seconds, sha1, sha256 }) => {
    const epochMs = seconds * 1000;
    const sha1Token = { secretKey: sha1Seed, hashFunction: "hmacsha1" as const, timeIntervalInSeconds: 30, lastAcceptedStep: null };
    const sha256Token = { secretKey: sha256Seed, hashFunction: "hmacsha256" as const, timeIntervalInSeconds: 30, lastAcceptedStep: null };

    expect(verifyTotp(sha1Token, sha1, 0, epochMs)).toEqual({ valid: true, timeStep: timeStep(epochMs, 30) });
    expect(verifyTotp(sha256Token, sha256, 0, epochMs)).toEqual({ valid: true, timeStep: timeStep(epochMs, 30) });
    expect(totpCode(sha1Seed, { epochMs })).toBe(sha1);
    expect(totpCode(sha256Seed, { epochMs, hash: "sha256" })).toBe(sha256);
  });

  it("rejects steps at or before the last accepted one", () => {
    const epochMs = 59_000;
    const token = { secretKey: sha1Seed, hashFunction: "hmacsha1" as const, timeIntervalInSeconds: 30, lastAcceptedStep: timeStep(epochMs, 30) };

    expect(verifyTotp(token, "287082", 5, epochMs)).toEqual({ valid: false });
  });

  it("finds a code a few steps away inside the window", () => {
    const epochMs = 1111111109_000;
    const token = { secretKey: sha1Seed, hashFunction: "hmacsha1" as const, timeIntervalInSeconds: 30, lastAcceptedStep: null };
    const later = epochMs + 3 * 30_000;

    expect(verifyTotp(token, "081804", 3, later)).toEqual({ valid: true, timeStep: timeStep(epochMs, 30) });
    expect(verifyTotp(token, "081804", 2, later)).toEqual({ valid: false });
  });

  it.each([["12345"], ["1234567"], ["12a456"], [""]])("rejects the malformed code %j", (code) => {
    const token = { secretKey: sha1Seed, hashFunction: "hmacsha1" as const, timeIntervalInSeconds: 30, lastAcceptedStep: null };

    expect(verifyTotp(token, code, 10)).toEqual({ valid: false });
  });

  it("keeps leading zeros", () => {
    expect(hotp(Buffer.from("12345678901234567890"), timeStep(1111111109_000, 30), "hmacsha1")).toBe("081804");
  });
});
