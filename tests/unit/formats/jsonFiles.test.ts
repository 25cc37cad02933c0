import { describe, expect, it } from "vitest";
import { openSeedFile } from "../../../inventory/formats/openSeedFile.js";
import { generateCode } from "../../../inventory/totp/codes.js";
import { readAllRows, seedOf } from "./readRows.js";

const sha256Device = {
  serialNumber: "71230004",
  secretKey: "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6",
  timeIntervalInSeconds: 30,
  hashFunction: "SHA-256",
  manufacturer: "Token2",
  model: "C203",
};

describe("JSON seed files", () => {
  it("reads a bare array and maps SHA-256 to hmacsha256", async () => {
    const { file, rows } = await readAllRows(JSON.stringify([sha256Device]), { fileName: "seeds.json" });

    const seed = seedOf(rows[0]);
    expect(file.format).toBe("json");
    expect(seed).toMatchObject({ serialNumber: "71230004", hashFunction: "hmacsha256", hashInferred: false, timeIntervalInSeconds: 30 });
    expect(generateCode({ ...seed, epochSeconds: 1767240000 })).toBe("344896");
  });

  it("reads a Graph delta body and ignores annotations", async () => {
    const body = { "@context": "#$delta", value: [{ "@contentId": "1", ...sha256Device }, { "@contentId": "2", ...sha256Device, serialNumber: "71230005" }] };

    const { file, rows } = await readAllRows(JSON.stringify(body, null, 2));

    expect(file.format).toBe("json");
    expect(rows.map((row) => seedOf(row).serialNumber)).toEqual(["71230004", "71230005"]);
    expect(file.columns.found).not.toContain("@contentId");
    expect(file.columns.unknown).toEqual([]);
  });

  it("reads a JSON file with a BOM", async () => {
    const { rows } = await readAllRows(`\uFEFF${JSON.stringify([sha256Device])}`);

    expect(seedOf(rows[0]).serialNumber).toBe("71230004");
  });

  it("lists unknown properties", async () => {
    const { file } = await readAllRows(JSON.stringify([{ ...sha256Device, id: "x", assignTo: { id: "y" } }]));

    expect(file.columns.unknown).toEqual(["id", "assignTo"]);
  });

  it("rejects a serial number written as a JSON number", async () => {
    const { rows } = await readAllRows(JSON.stringify([{ ...sha256Device, serialNumber: 71230004 }]));

    expect(rows[0]?.problems).toEqual([expect.objectContaining({ code: "invalidSerialNumber", column: "serialNumber", message: expect.stringContaining("JSON string") })]);
  });

  it("reports a missing time interval instead of assuming 30", async () => {
    const { timeIntervalInSeconds: _omitted, ...withoutInterval } = sha256Device;

    const { rows } = await readAllRows(JSON.stringify([withoutInterval]));

    expect(rows[0]?.problems).toEqual([expect.objectContaining({ code: "missingValue", column: "time interval" })]);
  });

  it.each([
    ["an array element that is not an object", [42], "invalidDevice"],
    ["an object value", [{ ...sha256Device, model: { name: "C203" } }], "invalidValue"],
    ["two properties for one field", [{ ...sha256Device, serial: "71230009" }], "duplicateProperty"],
  ])("reports %s as a row problem", async (_label, devices, code) => {
    const { rows } = await readAllRows(JSON.stringify(devices), { fileName: "seeds.json" });

    expect(rows[0]?.problems.map((problem) => problem.code)).toContain(code);
  });

  it.each([
    ["broken JSON", '[{"serialNumber": "71230004", "secretKey": "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6",]'],
    ["an object without value", '{"devices": []}'],
    ["a string", '"B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6"'],
  ])("rejects %s", async (_label, text) => {
    const opening = openSeedFile(text, { fileName: "seeds.json" });

    await expect(opening).rejects.toMatchObject({ code: "invalidJson" });
    await expect(opening).rejects.toSatisfy((error: Error) => !error.message.includes("B4SMY2FL"));
  });
});
