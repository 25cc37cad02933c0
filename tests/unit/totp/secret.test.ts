import { describe, expect, it } from "vitest";
import { normalizeSecret } from "../../../inventory/totp/secret.js";

const base32Seed = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";
const hexSeed = "c964ca946ff8d079f9fcc2865e793565b852068f";
const hexSeedAsBase32 = "ZFSMVFDP7DIHT6P4YKDF46JVMW4FEBUP";

describe("normalizeSecret", () => {
  it.each([
    ["upper case", base32Seed],
    ["lower case", base32Seed.toLowerCase()],
    ["groups of four with spaces", "BZIM RXPV RJK6 EBWJ QAL2 CGCQ QWRD VFNA"],
    ["hyphens", "BZIMRXPV-RJK6EBWJ-QAL2CGCQ-QWRDVFNA"],
    ["surrounding whitespace", `\t ${base32Seed} \n`],
  ])("accepts Base32 in %s", (_label, value) => {
    expect(normalizeSecret(value)).toEqual({ ok: true, secretKey: base32Seed, byteLength: 20, sourceEncoding: "base32" });
  });

  it("drops = padding", () => {
    const padded = "MFRGGZDFMZTWQ2LKNNWG23TPOA======"; // 20 chars of data, 6 of padding

    const result = normalizeSecret(padded);

    expect(result).toEqual({ ok: true, secretKey: "MFRGGZDFMZTWQ2LKNNWG23TPOA", byteLength: 16, sourceEncoding: "base32" });
  });

  it.each([
    ["lower case", hexSeed],
    ["upper case", hexSeed.toUpperCase()],
    ["spaces between bytes", hexSeed.replace(/(..)(?!$)/g, "$1 ")],
  ])("converts unmistakable hex in %s", (_label, value) => {
    expect(normalizeSecret(value)).toEqual({ ok: true, secretKey: hexSeedAsBase32, byteLength: 20, sourceEncoding: "hex" });
  });

  it("converts hex that uses only A-F and 2-7 when declared", () => {
    const hexOnlyShared = "abcdef2345abcdef2345abcdef2345abcdef2345";

    const result = normalizeSecret(hexOnlyShared, "hex");

    expect(result).toMatchObject({ ok: true, byteLength: 20, sourceEncoding: "hex" });
  });

  it("reads a declared Base32 value as Base32 even if it looks like hex", () => {
    const bothAlphabets = "abcdef2345abcdef2345abcdef2345ab";

    const result = normalizeSecret(bothAlphabets, "base32");

    expect(result).toMatchObject({ ok: true, secretKey: bothAlphabets.toUpperCase(), byteLength: 20, sourceEncoding: "base32" });
  });

  it("flags a value valid in both alphabets", () => {
    const bothAlphabets = "abcdef2345abcdef2345abcdef2345abcdef2345";

    const result = normalizeSecret(bothAlphabets);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("ambiguousSecretEncoding");
    expect(result.problem.message).toContain("encoding");
    expect(result.problem.message).not.toContain(bothAlphabets);
  });

  it("names the first illegal character and its position", () => {
    const withIllegal = "BZIMRXPV8JK6EBWJQAL2CGCQQWRDVFNA";

    const result = normalizeSecret(withIllegal);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("invalidSecretCharacter");
    expect(result.problem.message).toContain('"8" at position 9');
    expect(result.problem.message).not.toContain(withIllegal);
  });

  it("counts the position in the value as written", () => {
    const spacedWithIllegal = "BZIM RXPV 1JK6 EBWJ QAL2 CGCQ QWRD VFNA";

    const result = normalizeSecret(spacedWithIllegal);

    expect(result).toMatchObject({ ok: false, problem: { message: expect.stringContaining('"1" at position 11') } });
  });

  it("rejects padding in the middle", () => {
    const result = normalizeSecret("BZIMRXPV=RJK6EBWJQAL2CGCQQWRDVFNA");

    expect(result).toMatchObject({ ok: false, problem: { code: "invalidSecretCharacter", message: expect.stringContaining('"=" at position 9') } });
  });

  it("shows an invisible character by code point", () => {
    const result = normalizeSecret(`BZIMRXPV\u200bRJK6EBWJQAL2CGCQQWRDVFNA`);

    expect(result).toMatchObject({ ok: false, problem: { message: expect.stringContaining("U+200B") } });
  });

  it("rejects non-hex characters in a declared hex value", () => {
    const result = normalizeSecret(base32Seed, "hex");

    expect(result).toMatchObject({ ok: false, problem: { code: "invalidSecretCharacter", message: expect.stringContaining('"Z" at position 2') } });
  });

  it("explains hex with an odd number of digits", () => {
    const truncatedHex = hexSeed.slice(0, 39);

    const result = normalizeSecret(truncatedHex);

    expect(result).toMatchObject({ ok: false, problem: { code: "invalidSecretCharacter", message: expect.stringContaining("odd number of digits (39)") } });
  });

  it("rejects a Base32 length that does not make whole bytes", () => {
    const truncated = base32Seed.slice(0, 31);

    const result = normalizeSecret(truncated);

    expect(result).toMatchObject({ ok: false, problem: { code: "invalidSecretLength" } });
  });

  it.each([
    ["9 bytes", "MFRGGZDFMZTWQ2I", false],
    ["10 bytes", "MFRGGZDFMZTWQ2LK", true],
    ["80 bytes", "Q".repeat(128), true],
    ["129 characters", "Q".repeat(129), false],
    ["81 bytes of hex", "01".repeat(81), false],
  ])("applies the Entra ID length limits to %s", (_label, value, ok) => {
    expect(normalizeSecret(value).ok).toBe(ok);
  });

  it.each(["", "   ", " - "])("reports an empty value %j", (value) => {
    expect(normalizeSecret(value)).toMatchObject({ ok: false, problem: { code: "missingValue" } });
  });

  it("never puts the seed into a message", () => {
    const badValues = [
      "BZIMRXPV8JK6EBWJQAL2CGCQQWRDVFNA",
      "abcdef2345abcdef2345abcdef2345abcdef2345",
      "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFN",
      "BZIMRXPVRJK6",
      hexSeed.slice(0, 39),
    ];

    for (const value of badValues) {
      const result = normalizeSecret(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem.message).not.toContain(value.slice(0, 8));
    }
  });
});

describe("hex with a 0x prefix", () => {
  it.each(["0xc964ca946ff8d079f9fcc2865e793565b852068f", "0XC964 CA94 6FF8 D079 F9FC C286 5E79 3565 B852 068F"])("converts %s", (value) => {
    const result = normalizeSecret(value);

    expect(result).toMatchObject({ ok: true, secretKey: "ZFSMVFDP7DIHT6P4YKDF46JVMW4FEBUP", sourceEncoding: "hex" });
  });
});
