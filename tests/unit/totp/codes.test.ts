import { describe, expect, it } from "vitest";
import { generateCode, secondsLeftInStep, timeStepOf, verifyCode } from "../../../inventory/totp/codes.js";
import { normalizeSecret } from "../../../inventory/totp/secret.js";

/** RFC 6238 Appendix B seeds: the ASCII digits "1234567890" repeated, as Base32. */
const rfcSha1Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const rfcSha256Seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";

/** Seeds used by the product's own vectors (made up, 20 bytes each). */
const seedA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";
const seed60 = "ON2TRAIFODAPJSJLHMX3FBGRHXTDCJPW";
const seed256 = "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6";
const seedAscii = "ROXXN36YTAPWLYDHNM4CMLRBHJRFK7WZ";

describe("generateCode", () => {
  // RFC 6238 Appendix B lists 8-digit codes; the 6-digit code is their last six digits.
  it.each([
    [59, "287082", "119246"],
    [1111111109, "081804", "084774"],
    [1111111111, "050471", "062674"],
    [1234567890, "005924", "819424"],
    [2000000000, "279037", "698825"],
    [20000000000, "353130", "737706"],
  ])("matches RFC 6238 at T=%i", (epochSeconds, sha1Code, sha256Code) => {
    const sha1 = generateCode({ secretKey: rfcSha1Seed, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds });
    const sha256 = generateCode({ secretKey: rfcSha256Seed, hashFunction: "hmacsha256", timeIntervalInSeconds: 30, epochSeconds });

    expect(sha1).toBe(sha1Code);
    expect(sha256).toBe(sha256Code);
  });

  it("keeps a leading zero", () => {
    const code = generateCode({ secretKey: seedA, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 1767225810 });

    expect(code).toBe("017470");
    expect(code).toHaveLength(6);
  });

  it("gives the reference code at 2026-01-01T00:00:00Z", () => {
    const code = generateCode({ secretKey: seedA, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 1767225600 });

    expect(code).toBe("668308");
  });

  it("uses the bytes of a hex seed, not its text", () => {
    const normalized = normalizeSecret("c964ca946ff8d079f9fcc2865e793565b852068f");
    if (!normalized.ok) throw new Error(normalized.problem.message);

    const code = generateCode({ secretKey: normalized.secretKey, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 1767229200 });

    expect(code).toBe("061825");
    expect(code).not.toBe("110444");
  });

  it("Base32-decodes the seed instead of using its ASCII text", () => {
    const code = generateCode({ secretKey: seedAscii, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 1767243600 });

    expect(code).toBe("719808");
    expect(code).not.toBe("242951");
  });

  it("steps every 60 seconds for 60-second tokens", () => {
    const epochSeconds = 1767236445;
    const code60 = generateCode({ secretKey: seed60, hashFunction: "hmacsha1", timeIntervalInSeconds: 60, epochSeconds });
    const codes30 = [-30, 0, 30].map((offset) =>
      generateCode({ secretKey: seed60, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: epochSeconds + offset }),
    );

    expect(code60).toBe("890620");
    expect(codes30).toEqual(["760971", "884028", "092772"]);
    expect(codes30).not.toContain(code60);
  });

  it("applies SHA-256 instead of falling back to SHA-1", () => {
    const epochSeconds = 1767240000;
    const sha256 = generateCode({ secretKey: seed256, hashFunction: "hmacsha256", timeIntervalInSeconds: 30, epochSeconds });
    const sha1 = generateCode({ secretKey: seed256, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds });
    const sha256Period60 = generateCode({ secretKey: seed256, hashFunction: "hmacsha256", timeIntervalInSeconds: 60, epochSeconds });

    expect(sha256).toBe("344896");
    expect(sha1).toBe("584411");
    expect(sha256Period60).toBe("482398");
    expect(sha256).not.toBe(sha1);
  });

  it("accepts a 10-byte seed", () => {
    const tenBytes = "MFRGGZDFMZTWQ2LK"; // "abcdefghij"

    const code = generateCode({ secretKey: tenBytes, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 59 });

    expect(code).toMatch(/^[0-9]{6}$/);
  });

  it("accepts a lower-case seed with spaces", () => {
    const spaced = "bzim rxpv rjk6 ebwj qal2 cgcq qwrd vfna";

    const code = generateCode({ secretKey: spaced, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 1767225810 });

    expect(code).toBe("017470");
  });

  it("rejects a stored seed that is not Base32 without quoting it", () => {
    const broken = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFN1";

    const attempt = () => generateCode({ secretKey: broken, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: 0 });

    expect(attempt).toThrow(expect.objectContaining({ code: "invalidSecretKey" }));
    expect(attempt).toThrow(expect.not.objectContaining({ message: expect.stringContaining(broken) }));
  });
});

describe("verifyCode", () => {
  const token = { secretKey: seedA, hashFunction: "hmacsha1" as const, timeIntervalInSeconds: 30 };
  const epochSeconds = 1767225810;
  const currentStep = Math.floor(epochSeconds / 30);

  it("accepts the current code with delta 0", () => {
    const result = verifyCode({ ...token, epochSeconds, code: "017470", window: 0 });

    expect(result).toEqual({ valid: true, timeStep: currentStep, delta: 0 });
  });

  it.each([
    ["617194", -1],
    ["966361", 1],
  ])("accepts neighbour %s inside a window of 1", (code, delta) => {
    const result = verifyCode({ ...token, epochSeconds, code, window: 1 });

    expect(result).toEqual({ valid: true, timeStep: currentStep + delta, delta });
  });

  it("rejects a neighbour outside the window", () => {
    const result = verifyCode({ ...token, epochSeconds, code: "617194", window: 0 });

    expect(result).toEqual({ valid: false });
  });

  it("finds a code a day away with a wide window", () => {
    const dayLater = epochSeconds + 86_400;

    const result = verifyCode({ ...token, epochSeconds: dayLater, code: "017470", window: 2880 });

    expect(result).toEqual({ valid: true, timeStep: currentStep, delta: -2880 });
  });

  it.each([
    ["number text without leading zero", "17470"],
    ["seven digits", "0174700"],
    ["spaces", " 017470"],
    ["full-width digits", "０１７４７０"],
    ["Arabic-Indic digits", "٠١٧٤٧٠"],
    ["empty", ""],
  ])("rejects a code with %s", (_label, code) => {
    const result = verifyCode({ ...token, epochSeconds, code, window: 1 });

    expect(result).toEqual({ valid: false });
  });

  it("rejects a replayed code", () => {
    const first = verifyCode({ ...token, epochSeconds, code: "017470", window: 1 });
    if (!first.valid) throw new Error("the first use must be accepted");

    const replay = verifyCode({ ...token, epochSeconds, code: "017470", window: 1, afterTimeStep: first.timeStep });
    const next = verifyCode({ ...token, epochSeconds, code: "966361", window: 1, afterTimeStep: first.timeStep });

    expect(replay).toEqual({ valid: false });
    expect(next).toEqual({ valid: true, timeStep: currentStep + 1, delta: 1 });
  });

  it("rejects everything when the guard is past the window", () => {
    const result = verifyCode({ ...token, epochSeconds, code: "966361", window: 1, afterTimeStep: currentStep + 5 });

    expect(result).toEqual({ valid: false });
  });

  it.each([-1, 1.5, 6000])("throws for window %s", (window) => {
    const attempt = () => verifyCode({ ...token, epochSeconds, code: "017470", window });

    expect(attempt).toThrow(expect.objectContaining({ code: "invalidTotpArgument" }));
  });
});

describe("time steps", () => {
  it.each([
    [1767225810, 30, 58907527, 30],
    [1767225839, 30, 58907527, 1],
    [1767236445, 60, 29453940, 15],
    [1767236445, 30, 58907881, 15],
  ])("at %i with period %i the step is %i", (epochSeconds, period, timeStep, secondsLeft) => {
    expect(timeStepOf(epochSeconds, period)).toBe(timeStep);
    expect(secondsLeftInStep(epochSeconds, period)).toBe(secondsLeft);
  });
});
