import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openSeedFile } from "../../../inventory/formats/openSeedFile.js";
import { generateCode } from "../../../inventory/totp/codes.js";
import { readAllRows, seedOf } from "./readRows.js";

const entraHeader = "upn,serial number,secret key,time interval,manufacturer,model\r\n";
const seedA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";
const seed60 = "ON2TRAIFODAPJSJLHMX3FBGRHXTDCJPW";

/** Splits bytes into one-byte chunks, so every boundary case of the stream reader is hit. */
function byteByByte(text: string): Readable {
  const bytes = Buffer.from(text, "utf8");
  return Readable.from(Array.from(bytes, (byte) => Buffer.from([byte])));
}

describe("CSV byte order mark", () => {
  const dataRow = `user05@contoso.example,71230008,${seedA},30,Token2,C202\r\n`;

  it.each([
    ["plain header", `\uFEFF${entraHeader}${dataRow}`],
    ["quoted header", `\uFEFF"upn","serial number","secret key","time interval","manufacturer","model"\r\n${dataRow}`],
  ])("reads the first column after a BOM with %s", async (_label, text) => {
    const { file, rows } = await readAllRows(text);

    const seed = seedOf(rows[0]);
    expect(file.columns.mapped.upn).toBe("upn");
    expect(seed.upn).toBe("user05@contoso.example");
    expect(seed.serialNumber).toBe("71230008");
    expect(seed.timeIntervalInSeconds).toBe(30);
  });

  it("reads a BOM that arrives split over chunks", async () => {
    const { rows } = await readAllRows(byteByByte(`\uFEFF${entraHeader}${dataRow}`));

    expect(seedOf(rows[0]).upn).toBe("user05@contoso.example");
  });

  it.each([
    ["UTF-16LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entraHeader, "utf16le")])],
    ["UTF-16BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(entraHeader, "utf16le").swap16()])],
    ["UTF-16LE without BOM", Buffer.from(entraHeader, "utf16le")],
  ])("rejects %s and asks for CSV UTF-8", async (_label, bytes) => {
    const opening = openSeedFile(bytes);

    await expect(opening).rejects.toMatchObject({ code: "unsupportedEncoding", message: expect.stringContaining("CSV UTF-8") });
  });
});

describe("CSV dialect", () => {
  const semicolonFile =
    "sep=;\r\n" +
    "upn;serial number;secret key;time interval;manufacturer;model;\r\n" +
    `user06@contoso.example;71230009;${seedA};30;Token2;Classic, C202\r\n` +
    "\r\n";

  it("reads a semicolon file with sep= line and trailing delimiter", async () => {
    const { file, rows } = await readAllRows(semicolonFile);

    expect(rows).toHaveLength(1);
    const seed = seedOf(rows[0]);
    expect(seed.upn).toBe("user06@contoso.example");
    expect(seed.serialNumber).toBe("71230009");
    expect(seed.timeIntervalInSeconds).toBe(30);
    expect(seed.model).toBe("Classic, C202");
    expect(file.columns.found).toEqual(["upn", "serial number", "secret key", "time interval", "manufacturer", "model"]);
    expect(file.columns.unknown).toEqual([]);
  });

  it("reads the same file one byte at a time", async () => {
    const { rows } = await readAllRows(byteByByte(semicolonFile));

    expect(rows).toHaveLength(1);
    expect(seedOf(rows[0]).model).toBe("Classic, C202");
  });

  it("detects semicolons from the header without a sep= line", async () => {
    const text = `upn;serial number;secret key;time interval;manufacturer;model\n;71230009;${seedA};30;Token2;Classic, C202\n`;

    const { rows } = await readAllRows(text);

    expect(seedOf(rows[0]).model).toBe("Classic, C202");
    expect(seedOf(rows[0]).upn).toBeUndefined();
  });

  it("counts rows without blank lines and keeps quoted commas", async () => {
    const text =
      entraHeader +
      "\r\n" +
      `user01@contoso.example,71230001,${seedA},30,Token2,"Classic, C202"\r\n` +
      ",,,,,\r\n" +
      "\r\n" +
      `user02@contoso.example,71230002,${seedA},30,Token2,"Say ""C202"""\r\n`;

    const { rows } = await readAllRows(text);

    expect(rows.map((row) => row.row)).toEqual([1, 2]);
    expect(seedOf(rows[0]).model).toBe("Classic, C202");
    expect(seedOf(rows[1]).model).toBe('Say "C202"');
  });

  it("flags a row with more values than columns", async () => {
    const text = entraHeader + `user01@contoso.example,71230001,${seedA},30,Token2,Classic, C202\r\n`;

    const { rows } = await readAllRows(text);

    expect(rows[0]?.problems.map((problem) => problem.code)).toEqual(["extraValues"]);
    expect(rows[0]?.problems[0]?.message).toContain("double quotes");
  });

  it("reports broken quoting as a file fault", async () => {
    const text = entraHeader + `user01@contoso.example,71230001,"${seedA},30,Token2,C202\r\n`;

    const reading = readAllRows(text);

    await expect(reading).rejects.toMatchObject({ code: "invalidCsv" });
    await expect(reading).rejects.toSatisfy((error: Error) => !error.message.includes(seedA));
  });
});

describe("CSV headers", () => {
  it("imports the three header styles alike", async () => {
    const entra = entraHeader + `user07@contoso.example,71230010,${seed60},60,Token2,C302\r\n`;
    const token2 = "UPN, Serial Number ,Secret Key,TimeInterval,Manufacturer,Model\r\n" + `user07@contoso.example, 71230010 ,${seed60},60,Token2,C302\r\n`;
    const graphStyle = "serialNumber,secretKey,timeIntervalInSeconds,manufacturer,model,hashFunction\r\n" + `71230010,${seed60},60,Token2,C302,hmacsha1\r\n`;

    const seeds = await Promise.all([entra, token2, graphStyle].map(async (text) => seedOf((await readAllRows(text)).rows[0])));

    for (const seed of seeds) {
      expect(seed.serialNumber).toBe("71230010");
      expect(seed.timeIntervalInSeconds).toBe(60);
      expect(seed.secretKey).toBe(seed60);
      expect(seed.hashFunction).toBe("hmacsha1");
      expect(generateCode({ ...seed, epochSeconds: 1767236445 })).toBe("890620");
    }
    expect(seeds[0]?.upn).toBe("user07@contoso.example");
    expect(seeds[1]?.upn).toBe("user07@contoso.example");
    expect(seeds[2]?.upn).toBeUndefined();
    expect(seeds[2]?.hashInferred).toBe(false);
  });

  it.each([
    ["User_Principal_Name,Serial,Seed,Period,Vendor,Model,Algorithm,Name,Secret-Encoding,Digits"],
    ["user,SERIAL NUMBER,key,interval,manufacturer,model,hash,display name,encoding,digits"],
  ])("maps aliases in %s", async (header) => {
    const text = `${header}\r\nuser01@contoso.example,71230001,${seedA},30,Token2,C202,SHA1,Ada's token,base32,6\r\n`;

    const { file, rows } = await readAllRows(text);

    expect(Object.keys(file.columns.mapped)).toHaveLength(10);
    expect(seedOf(rows[0])).toMatchObject({ upn: "user01@contoso.example", hashFunction: "hmacsha1", displayName: "Ada's token" });
  });

  it("lists unknown headers and ignores their values", async () => {
    const text = "upn,serial number,secret key,time interval,manufacturer,model,batch,colour\r\n" + `,71230001,${seedA},30,Token2,C202,7,blue\r\n`;

    const { file, rows } = await readAllRows(text);

    expect(file.columns.unknown).toEqual(["batch", "colour"]);
    expect(rows[0]?.problems).toEqual([]);
  });

  it("rejects a file without a time interval column", async () => {
    const text = "upn,serial number,secret key,manufacturer,model\r\n" + `,71230001,${seedA},Token2,C202\r\n`;

    const opening = openSeedFile(text);

    await expect(opening).rejects.toMatchObject({ code: "unmappedHeader" });
    await expect(opening).rejects.toSatisfy((error: Error) =>
      error.message.includes('"time interval"') && error.message.includes('Columns found: "upn", "serial number"'),
    );
  });

  it.each([
    ["serial number", "upn,secret key,time interval,manufacturer,model"],
    ["secret key", "upn,serial number,time interval,manufacturer,model"],
    ["manufacturer", "upn,serial number,secret key,time interval,model"],
  ])("rejects a file without a %s column", async (missing, header) => {
    const opening = openSeedFile(`${header}\r\n`);

    await expect(opening).rejects.toMatchObject({ code: "unmappedHeader", message: expect.stringContaining(`"${missing}"`) });
  });

  it("rejects two columns for the same field", async () => {
    const opening = openSeedFile("serial,serial number,secret key,time interval,manufacturer,model\r\n");

    await expect(opening).rejects.toMatchObject({ code: "duplicateHeader" });
  });

  it.each([
    ["an empty file", ""],
    ["only a BOM and blank lines", "\uFEFF\r\n\r\n  \r\n"],
  ])("rejects %s", async (_label, text) => {
    await expect(openSeedFile(text)).rejects.toMatchObject({ code: "emptyFile" });
  });

  it("rejects an Excel workbook", async () => {
    const workbookStart = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

    await expect(openSeedFile(workbookStart, { fileName: "tokens.xlsx" })).rejects.toMatchObject({ code: "unsupportedFormat" });
  });
});

describe("CSV secrets", () => {
  it("converts a hex seed to Base32", async () => {
    const text = entraHeader + "user02@contoso.example,71230002,c964ca946ff8d079f9fcc2865e793565b852068f,30,Token2,C202\r\n";

    const { rows } = await readAllRows(text);

    const seed = seedOf(rows[0]);
    expect(seed.secretKey).toBe("ZFSMVFDP7DIHT6P4YKDF46JVMW4FEBUP");
    expect(generateCode({ ...seed, epochSeconds: 1767229200 })).toBe("061825");
    expect(rows[0] && "notes" in rows[0] ? rows[0].notes : []).toContain("The secret key was converted from hex to Base32.");
  });

  it("flags a seed valid in both alphabets", async () => {
    const bothAlphabets = "abcdef2345abcdef2345abcdef2345abcdef2345";
    const text = entraHeader + `user02@contoso.example,71230002,${bothAlphabets},30,Token2,C202\r\n`;

    const { rows } = await readAllRows(text);

    expect(rows[0]?.problems).toEqual([
      expect.objectContaining({ code: "ambiguousSecretEncoding", column: "secret key", message: expect.stringMatching(/^Row 1, column "secret key": /) }),
    ]);
    expect(JSON.stringify(rows[0])).not.toContain(bothAlphabets);
  });

  it("follows an encoding column per row", async () => {
    const bothAlphabets = "abcdef2345abcdef2345abcdef2345abcdef2345";
    const text =
      "serial number,secret key,encoding,time interval,manufacturer,model,hash\r\n" +
      `71230002,${bothAlphabets},hex,30,Token2,C202,SHA1\r\n` +
      `71230003,${bothAlphabets},Base32,30,Token2,C202,SHA1\r\n`;

    const { rows } = await readAllRows(text);

    expect(seedOf(rows[0]).secretKey).toHaveLength(32);
    expect(seedOf(rows[1]).secretKey).toBe(bothAlphabets.toUpperCase());
  });

  it("follows the file-wide encoding option", async () => {
    const bothAlphabets = "abcdef2345abcdef2345abcdef2345abcdef2345";
    const text = entraHeader + `,71230002,${bothAlphabets},30,Token2,C202\r\n`;

    const { rows } = await readAllRows(text, { secretEncoding: "hex" });

    expect(seedOf(rows[0])).toMatchObject({ hashFunction: "hmacsha1", hashInferred: true });
  });
});
