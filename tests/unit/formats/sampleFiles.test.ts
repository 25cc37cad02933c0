import { createReadStream, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAllRows } from "./readRows.js";

const samplesDir = path.resolve(import.meta.dirname, "..", "..", "..", "samples");

/** Seed files among the samples; directory.json lists users for the sandbox tenant, not tokens. */
const seedFiles = readdirSync(samplesDir).filter((name) => /\.(csv|json)$/.test(name) && name !== "directory.json");

describe("sample seed files", () => {
  it("has samples to read", () => {
    expect(seedFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(seedFiles)("%s parses without problems", async (name) => {
    const { file, rows } = await readAllRows(createReadStream(path.join(samplesDir, name)), { fileName: name });

    expect(rows.length).toBeGreaterThan(0);
    expect(rows.flatMap((row) => row.problems)).toEqual([]);
    expect(file.columns.unknown).toEqual([]);
    expect(rows.map((row) => row.row)).toEqual(rows.map((_row, index) => index + 1));
  });
});
