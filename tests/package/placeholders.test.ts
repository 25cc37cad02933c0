import { describe, expect, it } from "vitest";
import { listPlaceholders, substitutePlaceholders } from "../../scripts/lib/app-package/placeholders.js";

describe("substitutePlaceholders", () => {
  it("escapes values for a JSON string", () => {
    const template = '{"name": "${{NAME}}"}';

    const result = substitutePlaceholders(template, { NAME: 'IT "Service" Desk\\' });

    expect(result.unresolved).toEqual([]);
    expect(JSON.parse(result.text)).toEqual({ name: 'IT "Service" Desk\\' });
  });

  it("accepts spaces inside the braces", () => {
    expect(substitutePlaceholders("${{ BOT_ID }}", { BOT_ID: "abc" }).text).toBe("abc");
  });

  const unresolvedCases: { name: string; values: Record<string, string>; allowEmpty: string[]; unresolved: string[] }[] = [
    { name: "missing value", values: {}, allowEmpty: [], unresolved: ["A", "B"] },
    { name: "empty value", values: { A: "", B: "2" }, allowEmpty: [], unresolved: ["A"] },
    { name: "empty value allowed", values: { A: "", B: "2" }, allowEmpty: ["A"], unresolved: [] },
  ];

  for (const testCase of unresolvedCases) {
    it(`reports ${testCase.name}`, () => {
      const result = substitutePlaceholders("${{B}}-${{A}}-${{A}}", testCase.values, {
        allowEmpty: new Set(testCase.allowEmpty),
      });

      expect(result.unresolved).toEqual(testCase.unresolved);
    });
  }

  it("leaves unresolved placeholders in place", () => {
    expect(substitutePlaceholders("x${{A}}y", {}).text).toBe("x${{A}}y");
  });
});

describe("listPlaceholders", () => {
  it("lists each name once, sorted", () => {
    expect(listPlaceholders("${{B}} ${{A}} ${{B}} $A {{C}}")).toEqual(["A", "B"]);
  });
});
