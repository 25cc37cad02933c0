import { describe, expect, it } from "vitest";
import { normalizeRow } from "../../../inventory/formats/normalizeRow.js";
import type { RawRow, SeedField } from "../../../inventory/formats/types.js";
import { readAllRows } from "./readRows.js";

const seedA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

const entraColumns: Partial<Record<SeedField, string>> = {
  upn: "upn",
  serialNumber: "serial number",
  secretKey: "secret key",
  timeIntervalInSeconds: "time interval",
  manufacturer: "manufacturer",
  model: "model",
  hashFunction: "hash",
  digits: "digits",
};

/** Builds a valid row in the Entra admin center layout, with `values` replacing some of its cells. */
function rawRow(values: Partial<Record<SeedField, unknown>> = {}): RawRow {
  return {
    row: 7,
    values: {
      upn: "user01@contoso.example",
      serialNumber: "71230001",
      secretKey: seedA,
      timeIntervalInSeconds: "30",
      manufacturer: "Token2",
      model: "C202",
      ...values,
    },
    columnNames: entraColumns,
    problems: [],
  };
}

function problemCodes(values: Partial<Record<SeedField, unknown>>): string[] {
  return normalizeRow(rawRow(values)).problems.map((problem) => problem.code);
}

describe("normalizeRow", () => {
  it("builds a seed row from valid values", () => {
    const result = normalizeRow(rawRow({ displayName: "  Ada's token " }));

    expect(result).toEqual({
      row: 7,
      seed: {
        row: 7,
        serialNumber: "71230001",
        secretKey: seedA,
        timeIntervalInSeconds: 30,
        hashFunction: "hmacsha1",
        hashInferred: true,
        manufacturer: "Token2",
        model: "C202",
        displayName: "Ada's token",
        upn: "user01@contoso.example",
      },
      problems: [],
      notes: ["The hash was not given: hmacsha1 was chosen because the seed has 20 bytes."],
    });
  });

  it.each([
    ["1.1E+12", "scientific notation"],
    ["1,10000E+12", "scientific notation"],
    ["1.10000E+12", "scientific notation"],
    ["7.1230001e+07", "scientific notation"],
    ["71230001.0", "a decimal number"],
  ])("recognises Excel damage in serial %s", (serialNumber, kind) => {
    const result = normalizeRow(rawRow({ serialNumber }));

    expect(result.problems).toEqual([
      {
        code: "excelDamagedSerialNumber",
        column: "serial number",
        message: expect.stringMatching(new RegExp(`^Row 7, column "serial number": The serial number "${serialNumber.replace(/[.+]/g, "\\$&")}" was changed by Excel into ${kind}`)),
      },
    ]);
    expect(result.problems[0]?.message).toContain("format the column as Text");
  });

  it.each([
    ["C202/71230011", true],
    ["ab-12_3.4", true],
    ["0007", true],
    ["S".repeat(64), true],
    ["S".repeat(65), false],
    ["7123#0001", false],
    ["7123 0001", false],
    ["", false],
  ])("checks serial %j", (serialNumber, valid) => {
    expect(problemCodes({ serialNumber }).length === 0).toBe(valid);
  });

  it("keeps serial leading zeros as text", () => {
    const result = normalizeRow(rawRow({ serialNumber: "00071230001" }));

    expect(result.seed?.serialNumber).toBe("00071230001");
  });

  it.each([
    ["30", 30],
    ["60", 60],
    [60, 60],
  ])("accepts time interval %j", (timeIntervalInSeconds, expected) => {
    expect(normalizeRow(rawRow({ timeIntervalInSeconds })).seed?.timeIntervalInSeconds).toBe(expected);
  });

  it.each(["45", "30s", "30.0", 90, ""])("rejects time interval %j", (timeIntervalInSeconds) => {
    const result = normalizeRow(rawRow({ timeIntervalInSeconds }));

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.column).toBe("time interval");
  });

  it("names the rejected interval and the accepted ones", () => {
    const result = normalizeRow(rawRow({ timeIntervalInSeconds: "45" }));

    expect(result.problems[0]).toEqual({
      code: "unsupportedTimeInterval",
      column: "time interval",
      message: expect.stringMatching(/^Row 7, column "time interval": The time interval "45" is not supported\. Entra ID accepts 30 or 60 seconds/),
    });
  });

  it.each([
    ["8", ["unsupportedDigits"]],
    [8, ["unsupportedDigits"]],
    ["6", []],
    [6, []],
    ["", []],
  ])("checks digits %j", (digits, codes) => {
    expect(problemCodes({ digits })).toEqual(codes);
  });

  it.each([
    ["SHA1", "hmacsha1"],
    ["sha-1", "hmacsha1"],
    ["HMAC-SHA1", "hmacsha1"],
    ["hmacsha1", "hmacsha1"],
    ["SHA256", "hmacsha256"],
    ["sha-256", "hmacsha256"],
    ["SHA-256", "hmacsha256"],
    ["HMAC-SHA256", "hmacsha256"],
    ["hmacsha256", "hmacsha256"],
  ])("reads hash %s as %s", (hashFunction, expected) => {
    const result = normalizeRow(rawRow({ hashFunction }));

    expect(result.seed).toMatchObject({ hashFunction: expected, hashInferred: false });
  });

  it("rejects an unsupported hash by name", () => {
    const result = normalizeRow(rawRow({ hashFunction: "SHA512" }));

    expect(result.problems).toEqual([expect.objectContaining({ code: "unsupportedHashFunction", message: expect.stringContaining('"SHA512"') })]);
  });

  it("infers SHA-256 from a 32-byte seed", () => {
    const seed32 = "722SEI5F7BL6YYGCU4JETKL6UA43OUAXRVQS5UPPYAAW5WMRWOQA";

    const result = normalizeRow(rawRow({ secretKey: seed32 }));

    expect(result.seed).toMatchObject({ hashFunction: "hmacsha256", hashInferred: true });
  });

  it("asks for a hash when the seed length says nothing", () => {
    const seed10 = "MFRGGZDFMZTWQ2LK";

    const withoutHash = normalizeRow(rawRow({ secretKey: seed10 }));
    const withHash = normalizeRow(rawRow({ secretKey: seed10, hashFunction: "SHA1" }));

    expect(withoutHash.problems).toEqual([expect.objectContaining({ code: "missingHashFunction", message: expect.stringContaining("10 bytes") })]);
    expect(withHash.seed).toMatchObject({ hashFunction: "hmacsha1", hashInferred: false });
  });

  it.each([
    ["alex_fabrikam.example#EXT#@contoso.onmicrosoft.com", true],
    ["dan.o'neil@contoso.example", true],
    ["USER01@Contoso.Example", true],
    ["user01", false],
    ["a@b@contoso.example", false],
    ["user 01@contoso.example", false],
    ["user01@contoso", false],
    ["@contoso.example", false],
    [`${"u".repeat(65)}@contoso.example`, false],
  ])("checks UPN %j", (upn, valid) => {
    expect(problemCodes({ upn }).length === 0).toBe(valid);
  });

  it("imports a row without UPN as unassigned", () => {
    const result = normalizeRow(rawRow({ upn: "" }));

    expect(result.seed).toBeDefined();
    expect(result.seed?.upn).toBeUndefined();
    expect("notes" in result ? result.notes : []).toContain("No user is given: the token will be created unassigned.");
  });

  it.each(["manufacturer", "model"] as const)("requires the %s", (field) => {
    const result = normalizeRow(rawRow({ [field]: " " }));

    expect(result.problems).toEqual([
      { code: "missingValue", column: field, message: expect.stringMatching(new RegExp(`^Row 7, column "${field}": The ${field} is empty\\. Entra ID needs the ${field}`)) },
    ]);
  });

  it("reports every problem of a row and keeps serial and UPN", () => {
    const result = normalizeRow(rawRow({ serialNumber: "1.1E+12", timeIntervalInSeconds: "45", digits: "8", model: "" }));

    expect(result.problems.map((problem) => problem.code)).toEqual([
      "excelDamagedSerialNumber",
      "unsupportedTimeInterval",
      "unsupportedDigits",
      "missingValue",
    ]);
    expect(result).toMatchObject({ serialNumber: "1.1E+12", upn: "user01@contoso.example" });
  });

  it("rejects an unknown encoding value", () => {
    const result = normalizeRow(rawRow({ secretEncoding: "base64" }));

    expect(result.problems).toEqual([expect.objectContaining({ code: "invalidSecretEncoding", message: expect.stringContaining('"base64"') })]);
  });

  it("never puts a seed into a problem", () => {
    const secrets = [
      "BZIMRXPV8JK6EBWJQAL2CGCQQWRDVFNA",
      "abcdef2345abcdef2345abcdef2345abcdef2345",
      "c964ca946ff8d079f9fcc2865e793565b852068",
      "BZIMRXPVRJK6EBW",
      "MFRGGZDFMZTWQ2LK",
    ];

    for (const secretKey of secrets) {
      const result = normalizeRow(rawRow({ secretKey, serialNumber: "1.1E+12", timeIntervalInSeconds: "45" }));
      expect(result.seed).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(secretKey.slice(0, 10));
    }
  });
});

describe("row text encoding", () => {
  it("flags bytes that are not UTF-8", async () => {
    const header = Buffer.from("upn,serial number,secret key,time interval,manufacturer,model,display name\r\n");
    const windows1252Row = Buffer.concat([
      Buffer.from(`,71230001,${seedA},30,Token2,C202,Chlo`),
      Buffer.from([0xe9]),
      Buffer.from("\r\n"),
    ]);

    const { rows } = await readAllRows(Buffer.concat([header, windows1252Row]));

    expect(rows[0]?.problems).toEqual([expect.objectContaining({ code: "invalidCharacters", column: "display name", message: expect.stringContaining("CSV UTF-8") })]);
  });
});
