import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../inventory/errors.js";
import { assertEntityWithinLimits, maxCustomProperties } from "../../../inventory/storage/limits.js";

const keys = { partitionKey: "token", rowKey: "3731323330303131" };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.code;
    throw error;
  }
  return undefined;
}

describe("assertEntityWithinLimits", () => {
  it("accepts a normal entity and returns its size", () => {
    const size = assertEntityWithinLimits("tokens", { ...keys, serialNumber: "71230011", status: "available", driftSteps: 0 });
    expect(size).toBeGreaterThan(0);
  });

  it.each([
    ["string over 64 KiB", { note: "x".repeat(32 * 1024 + 1) }, "propertyTooLarge"],
    ["binary over 64 KiB", { blob: new Uint8Array(64 * 1024 + 1) }, "propertyTooLarge"],
    ["name starting with a digit", { "1st": "a" }, "invalidPropertyName"],
    ["name with a dash", { "a-b": "a" }, "invalidPropertyName"],
    ["reserved name Timestamp", { Timestamp: "a" }, "invalidPropertyName"],
    ["name of 256 characters", { ["a".repeat(256)]: "a" }, "invalidPropertyName"],
    ["integer beyond 32 bits", { count: 2 ** 31 }, "invalidPropertyValue"],
    ["NaN", { count: Number.NaN }, "invalidPropertyValue"],
    ["invalid date", { when: new Date("nope") }, "invalidPropertyValue"],
  ])("rejects a %s", (_case, properties, code) => {
    expect(codeOf(() => assertEntityWithinLimits("tokens", { ...keys, ...(properties as object) }))).toBe(code);
  });

  it("accepts a string of exactly 32,768 characters", () => {
    expect(codeOf(() => assertEntityWithinLimits("tokens", { ...keys, note: "x".repeat(32 * 1024) }))).toBeUndefined();
  });

  it("rejects more than 252 custom properties", () => {
    const properties = Object.fromEntries(
      Array.from({ length: maxCustomProperties + 1 }, (_, index) => [`p${index}`, index]),
    );
    expect(codeOf(() => assertEntityWithinLimits("tokens", { ...keys, ...properties }))).toBe("tooManyProperties");
  });

  it("accepts exactly 252 custom properties", () => {
    const properties = Object.fromEntries(Array.from({ length: maxCustomProperties }, (_, index) => [`p${index}`, index]));
    expect(codeOf(() => assertEntityWithinLimits("tokens", { ...keys, ...properties }))).toBeUndefined();
  });

  it("rejects an entity over 1 MiB made of legal properties", () => {
    const properties = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`part${index}`, "x".repeat(30_000)]));
    expect(codeOf(() => assertEntityWithinLimits("importrows", { ...keys, ...properties }))).toBe("entityTooLarge");
  });

  it("rejects an illegal key", () => {
    expect(codeOf(() => assertEntityWithinLimits("tokens", { partitionKey: "Token2", rowKey: "C202/71230011" }))).toBe(
      "invalidTableKey",
    );
  });

  it("names table and property in the message", () => {
    try {
      assertEntityWithinLimits("tokens", { ...keys, displayName: "x".repeat(40_000) });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain("tokens");
      expect((error as Error).message).toContain("displayName");
    }
  });

  it("ignores undefined and null properties", () => {
    expect(codeOf(() => assertEntityWithinLimits("tokens", { ...keys, deviceId: undefined, upn: null }))).toBeUndefined();
  });
});
