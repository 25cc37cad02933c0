import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../inventory/csv.js";

describe("csvCell", () => {
  it.each([
    { value: "=HYPERLINK(\"http://evil.example\",\"x\")", expected: "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" },
    { value: "+1+2", expected: "'+1+2" },
    { value: "-2+3", expected: "'-2+3" },
    { value: "@SUM(A1)", expected: "'@SUM(A1)" },
    { value: "\tcmd", expected: "'\tcmd" },
    { value: "\r=1", expected: "\"'\r=1\"" },
    { value: "ada.alvarez@northwind.example", expected: "ada.alvarez@northwind.example" },
    { value: "Classic, C202", expected: "\"Classic, C202\"" },
    { value: "017470", expected: "017470" },
    { value: undefined, expected: "" },
    { value: 30, expected: "30" },
  ])("formats $value safely", ({ value, expected }) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF lines", () => {
    const csv = toCsv([{ a: "1", b: "=2" }], [
      { header: "a", value: (row) => row.a },
      { header: "b", value: (row) => row.b },
    ]);

    expect(csv).toBe("a,b\r\n1,'=2\r\n");
  });
});
