import { describe, expect, it } from "vitest";
import { computeRetryDelay, defaultRetryOptions, parseRetryAfter } from "../../inventory/graph/retryPolicy.js";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    { header: "3", expected: 3000 },
    { header: " 0 ", expected: 0 },
    { header: "1.5", expected: 1500 },
    { header: "Thu, 01 Jan 2026 00:00:07 GMT", expected: 7000 },
    { header: "Wed, 31 Dec 2025 23:59:00 GMT", expected: 0 },
    { header: "soon", expected: undefined },
    { header: "", expected: undefined },
    { header: null, expected: undefined },
  ])("reads $header as $expected ms", ({ header, expected }) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("computeRetryDelay", () => {
  it("follows Retry-After up to the per-wait cap", () => {
    expect(computeRetryDelay(1, 2000, defaultRetryOptions)).toBe(2000);
    expect(computeRetryDelay(1, 90_000, defaultRetryOptions)).toBe(defaultRetryOptions.maxDelayMs);
  });

  it("backs off exponentially with jitter without Retry-After", () => {
    const options = { ...defaultRetryOptions, baseDelayMs: 500, maxDelayMs: 30_000 };

    expect(computeRetryDelay(1, undefined, options, () => 0)).toBe(250);
    expect(computeRetryDelay(1, undefined, options, () => 1)).toBe(500);
    expect(computeRetryDelay(4, undefined, options, () => 1)).toBe(4000);
    expect(computeRetryDelay(20, undefined, options, () => 1)).toBe(30_000);
  });
});
