import { describe, expect, it } from "vitest";
import { totpCode } from "./support/totp.js";

// The tests compute activation codes with this helper, so it must match the published vectors.
describe("test TOTP helper", () => {
  it.each([
    { secret: "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA", time: 1767225810, period: 30, algorithm: "sha1", code: "017470" },
    { secret: "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA", time: 1767225600, period: 30, algorithm: "sha1", code: "668308" },
    { secret: "ON2TRAIFODAPJSJLHMX3FBGRHXTDCJPW", time: 1767236445, period: 60, algorithm: "sha1", code: "890620" },
    { secret: "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6", time: 1767240000, period: 30, algorithm: "sha256", code: "344896" },
  ] as const)("computes $code for $secret at $time", ({ secret, time, period, algorithm, code }) => {
    expect(totpCode(secret, time, { period, algorithm })).toBe(code);
  });
});
