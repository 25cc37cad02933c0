import { describe, expect, it } from "vitest";
import { assertLegalKey, decodeKey, encodeKey, isLegalKey, maxKeyBytes, reversedTime } from "../../../inventory/storage/keys.js";
import { ValidationError } from "../../../inventory/errors.js";

/** Values from real seed files and directories that Azure rejects when used verbatim as keys. */
const awkwardValues = [
  "alex_fabrikam.example#EXT#@contoso.onmicrosoft.com",
  "C202/71230011",
  "71230012\t",
  "back\\slash",
  "what?",
  "dan.o'neil@contoso.example",
  "x' or PartitionKey ne '",
  "control\u0000\u001f\u007f\u0085\u009f",
  "Ünïcødé 令牌 🔑",
  "71230001",
];

const forbidden = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

describe("encodeKey", () => {
  it.each(awkwardValues)("makes a legal key of %j", (value) => {
    const key = encodeKey(value);

    expect(key).not.toMatch(forbidden);
    expect(key.length * 2).toBeLessThanOrEqual(maxKeyBytes);
    expect(isLegalKey(key)).toBe(true);
    expect(() => assertLegalKey(key, "RowKey")).not.toThrow();
  });

  it.each(awkwardValues)("round-trips %j", (value) => {
    expect(decodeKey(encodeKey(value))).toBe(value);
  });

  it("keeps distinct values distinct", () => {
    const keys = new Set(awkwardValues.map(encodeKey));
    expect(keys.size).toBe(awkwardValues.length);
  });

  it("keeps prefixes and sort order of the values", () => {
    const serials = ["71230011", "7123", "71230002", "A100", "71230100"];
    const sortedByKey = [...serials].sort((a, b) => (encodeKey(a) < encodeKey(b) ? -1 : 1));

    expect(sortedByKey).toEqual([...serials].sort());
    expect(encodeKey("71230011").startsWith(encodeKey("7123"))).toBe(true);
  });

  it("rejects an empty value", () => {
    expect(() => encodeKey("")).toThrow(ValidationError);
  });

  it("rejects a value whose key exceeds 1 KiB", () => {
    expect(() => encodeKey("a".repeat(257))).toThrow(/at most 1024/);
    expect(() => encodeKey("a".repeat(256))).not.toThrow();
  });
});

describe("assertLegalKey", () => {
  it.each([
    ["slash", "C202/71230011"],
    ["backslash", "a\\b"],
    ["hash", "b#"],
    ["question mark", "a?"],
    ["tab", "71230012\t"],
    ["NUL", "a\u0000"],
    ["DEL", "a\u007f"],
    ["C1 control", "a\u0085"],
    ["too long", "a".repeat(513)],
  ])("rejects a key with %s", (_case, key) => {
    expect(() => assertLegalKey(key, "RowKey of table tokens")).toThrow(ValidationError);
    expect(isLegalKey(key)).toBe(false);
  });

  it("names the key but not its value", () => {
    const error = captureError(() => assertLegalKey("secret#value", "RowKey of table tokens"));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("invalidTableKey");
    expect((error as Error).message).toContain("RowKey of table tokens");
    expect((error as Error).message).not.toContain("secret#value");
  });

  it("accepts a key of exactly 1 KiB", () => {
    expect(() => assertLegalKey("a".repeat(512), "RowKey")).not.toThrow();
  });
});

describe("reversedTime", () => {
  it("sorts newer times first", () => {
    const older = reversedTime(new Date("2026-01-01T08:01:40Z"));
    const newer = reversedTime(new Date("2026-01-01T08:01:41Z"));

    expect(newer < older).toBe(true);
    expect(newer).toHaveLength(13);
  });

  it("rejects an invalid date", () => {
    expect(() => reversedTime(new Date("not a date"))).toThrow(ValidationError);
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}
