import { describe, expect, it } from "vitest";
import { inferHashFunction, parseHashFunction } from "../../../inventory/totp/hash.js";

describe("parseHashFunction", () => {
  it.each([
    ["SHA1", "hmacsha1"],
    ["sha1", "hmacsha1"],
    ["sha-1", "hmacsha1"],
    ["SHA_1", "hmacsha1"],
    ["HMAC-SHA1", "hmacsha1"],
    ["hmacsha1", "hmacsha1"],
    ["HMAC SHA-1", "hmacsha1"],
    ["SHA256", "hmacsha256"],
    ["sha-256", "hmacsha256"],
    ["SHA-256", "hmacsha256"],
    ["HMAC-SHA256", "hmacsha256"],
    ["hmacsha256", "hmacsha256"],
    ["HmacSha256", "hmacsha256"],
  ])("reads %s as %s", (spelling, expected) => {
    expect(parseHashFunction(spelling)).toBe(expected);
  });

  it.each(["SHA512", "sha-512", "md5", "", "sha", "256"])("rejects %j", (spelling) => {
    expect(parseHashFunction(spelling)).toBeUndefined();
  });
});

describe("inferHashFunction", () => {
  it.each([
    [20, "hmacsha1"],
    [32, "hmacsha256"],
    [10, undefined],
    [16, undefined],
    [64, undefined],
  ])("infers from %i bytes", (byteLength, expected) => {
    expect(inferHashFunction(byteLength)).toBe(expected);
  });
});
