import { beforeAll, describe, expect, it } from "vitest";
import { buildAppPackage, validateManifest } from "../../scripts/package-app.js";
import path from "node:path";
import os from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { devTestValues, projectRoot } from "./testValues.js";

let validManifest: Record<string, unknown>;

beforeAll(async () => {
  const outputDir = mkdtempSync(path.join(os.tmpdir(), "app-package-"));
  try {
    validManifest = (await buildAppPackage({ envName: "dev", projectRoot, outputDir, values: devTestValues })).manifest;
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
});

/** Returns a deep copy of the valid manifest with one change applied. */
function brokenManifest(change: (manifest: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(validManifest) as Record<string, any>;
  change(copy);
  return copy;
}

describe("validateManifest", () => {
  const cases: { name: string; change: (manifest: Record<string, any>) => void; expectedError: string }[] = [
    {
      name: "short name over 30 characters",
      change: (manifest) => (manifest.name.short = "Token Inventory for Microsoft Teams"),
      expectedError: "/name/short must NOT have more than 30 characters",
    },
    {
      name: "short description over 80 characters",
      change: (manifest) => (manifest.description.short = "x".repeat(81)),
      expectedError: "/description/short must NOT have more than 80 characters",
    },
    {
      name: "bot id that is not a GUID",
      change: (manifest) => (manifest.bots[0].botId = "my-bot"),
      expectedError: "/bots/0/botId must match pattern",
    },
    {
      name: "unknown top-level property",
      change: (manifest) => (manifest.botz = []),
      expectedError: '/ must NOT have additional properties ("botz")',
    },
    {
      name: "unknown bot scope",
      change: (manifest) => (manifest.bots[0].scopes = ["channel"]),
      expectedError: "/bots/0/scopes/0 must be equal to one of the allowed values",
    },
    {
      name: "missing accent colour",
      change: (manifest) => delete manifest.accentColor,
      expectedError: "must have required property 'accentColor'",
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, () => {
      const result = validateManifest(brokenManifest(testCase.change));

      expect(result.valid).toBe(false);
      const errors = result.valid ? [] : result.errors;
      expect(errors.some((error) => error.includes(testCase.expectedError)), errors.join("\n")).toBe(true);
    });
  }

  it("rejects a missing manifestVersion", () => {
    const result = validateManifest(brokenManifest((manifest) => delete manifest.manifestVersion));

    expect(result).toEqual({ valid: false, errors: [expect.stringContaining("/manifestVersion is missing")] });
  });

  it("rejects a version without a schema", () => {
    const result = validateManifest(brokenManifest((manifest) => (manifest.manifestVersion = "1.18")));

    expect(result).toEqual({ valid: false, errors: [expect.stringContaining('"1.18" has no schema')] });
  });

  it("accepts the built manifest", () => {
    expect(validateManifest(validManifest)).toEqual({ valid: true });
  });
});
