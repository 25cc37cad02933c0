import { describe, expect, it } from "vitest";
import { columnWarnings, mapColumns } from "../../../inventory/formats/columns.js";
import { openSeedFile } from "../../../inventory/formats/openSeedFile.js";
import type { ParsedRow } from "../../../inventory/formats/types.js";

const seed = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";
const header = "upn,serial number,secret key,time interval,manufacturer,model\r\n";

async function rowsOf(text: string): Promise<ParsedRow[]> {
  const file = await openSeedFile(Buffer.from(text), { fileName: "seeds.csv" });
  const rows: ParsedRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

describe("secrets in the wrong place", () => {
  it("file without header line hides seeds in its error", async () => {
    const error = await openSeedFile(Buffer.from(`ada@northwind.example,71230001,${seed},30,Token2,C202\r\n`), { fileName: "seeds.csv" }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "unmappedHeader" });
    expect((error as Error).message).not.toContain(seed);
    expect((error as Error).message).toContain("looks like data, not a header");
  });

  it.each([
    ["serial, upper case", `ada@northwind.example,${seed},71230001,30,Token2,C202`, seed],
    ["serial, lower case", `ada@northwind.example,${seed.toLowerCase()},71230001,30,Token2,C202`, seed.toLowerCase()],
    ["serial, grouped", `ada@northwind.example,S7MY SFEH TNZX VV3L VOXC SLKG MVQJ KIEY,71230001,30,Token2,C202`, "S7MY SFEH"],
    ["serial, 16 characters", `ada@northwind.example,JBSWY3DPEHPK3PXP,71230001,30,Token2,C202`, "JBSWY3DPEHPK3PXP"],
    ["upn", `${seed},71230001,${seed},30,Token2,C202`, seed],
    ["time interval", `,71230001,${seed},${seed},Token2,C202`, seed],
  ])("seed in the %s column is rejected without showing it", async (_column, line, secret) => {
    const [row] = await rowsOf(header + line + "\r\n");

    expect(row!.seed).toBeUndefined();
    expect(row!.problems.map((problem) => problem.code)).toEqual(["secretInWrongColumn"]);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("ordinary alphanumeric serial is kept", async () => {
    const [row] = await rowsOf(header + `ada@northwind.example,GALT-2024-000123,${seed},30,Token2,C202\r\n`);

    expect(row!.seed?.serialNumber).toBe("GALT-2024-000123");
  });
});

describe("header warnings", () => {
  it("names a misspelt user column", () => {
    const warnings = columnWarnings(mapColumns(["upm", "serial number", "secret key", "time interval", "manufacturer", "model"]), true);

    expect(warnings[0]).toContain('Column "upm" is not known');
    expect(warnings[0]).toContain('Did you mean "upn"?');
    expect(warnings[1]).toContain("no user column");
  });

  it("stays quiet for a complete header", () => {
    expect(columnWarnings(mapColumns(["upn", "serial number", "secret key", "time interval", "manufacturer", "model", "color"]), true)).toEqual([]);
  });

  it("does not ask for users in import mode", () => {
    expect(columnWarnings(mapColumns(["serial number", "secret key", "time interval", "manufacturer", "model"]), false)).toEqual([]);
  });
});
