import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { redactedPaths } from "../../inventory/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ redact: { paths: redactedPaths, censor: "[redacted]" } }, stream), lines };
}

describe("log redaction", () => {
  it.each([
    ["seed at the top", { secretKey: "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA" }],
    ["seed three levels down", { row: { input: { device: { secretKey: "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA" } } } }],
    ["code", { request: { verificationCode: "017470" } }],
    ["bearer header", { headers: { Authorization: "Bearer eyJhbGciOi" } }],
    ["configuration", { config: { tablesConnectionString: "AccountKey=abc", tokenSecretKey: "c2VjcmV0", botPassword: "p4ss" } }],
  ])("hides a %s", (_name, value) => {
    const { logger, lines } = capture();

    logger.info(value, "test");

    for (const secret of ["BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA", "017470", "eyJhbGciOi", "AccountKey=abc", "c2VjcmV0", "p4ss"]) {
      expect(lines.join("")).not.toContain(secret);
    }
    expect(lines.join("")).toContain("[redacted]");
  });
});
