import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openSeedFile } from "../../../inventory/formats/openSeedFile.js";

const rowCount = 100_000;

/** Yields a CSV seed file line by line, so the test itself keeps no copy of the file. */
function* largeCsv(): Generator<string> {
  yield "upn,serial number,secret key,time interval,manufacturer,model\r\n";
  for (let index = 0; index < rowCount; index++) {
    yield `user${index}@contoso.example,${1100000000000 + index},BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA,30,Token2,C202\r\n`;
  }
}

describe("large seed file", () => {
  it("streams 100,000 rows in bounded memory", async () => {
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    let validRows = 0;

    const file = await openSeedFile(Readable.from(largeCsv()));
    for await (const row of file.rows) {
      if (row.seed) validRows++;
      if (row.row % 5_000 === 0) {
        const usage = process.memoryUsage();
        peakRss = Math.max(peakRss, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed);
      }
    }

    const megabyte = 1024 * 1024;
    expect(validRows).toBe(rowCount);
    expect(peakRss).toBeLessThan(200 * megabyte);
    // Holding every row would add well over 64 MB of heap; streaming keeps only garbage between collections.
    expect(peakHeap - baseline.heapUsed).toBeLessThan(64 * megabyte);
  });
});
