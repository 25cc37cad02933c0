import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { validateSeedFile } from "../../inventory/import/validateSeedFile.js";
import type { GraphGateway } from "../../inventory/graph/GraphGateway.js";
import { UserResolver } from "../../inventory/users/UserResolver.js";
import { generateCsvLines, generateDirectory } from "../support/testData.js";

/**
 * Benchmark phase in its own process: writes a generated CSV of <rows> rows to disk, then streams
 * it through parsing and validation (import mode, so no user lookups) and prints rows per second
 * and peak memory.
 */
const rows = Number(process.argv[2] ?? 100_000);
const users = generateDirectory(40);

function* withNewlines(): Generator<string> {
  for (const line of generateCsvLines({ count: rows, users, label: "parse" })) yield line + "\r\n";
}

// Import mode never asks Graph about users; a gateway that fails loudly proves it.
const noGraph = new Proxy({}, { get: () => () => Promise.reject(new Error("no Graph in the parse benchmark")) }) as GraphGateway;

const workDir = mkdtempSync(path.join(os.tmpdir(), "token-parse-"));
const file = path.join(workDir, "large.csv");
await pipeline(Readable.from(withNewlines()), createWriteStream(file));

const started = performance.now();
const result = await validateSeedFile(
  { fileName: "large.csv", content: createReadStream(file) },
  { mode: "import", users: new UserResolver(noGraph), inventoryStatus: async () => undefined, keepAccepted: false },
);
const seconds = (performance.now() - started) / 1000;
rmSync(workDir, { recursive: true, force: true });
const failed = result.reportRows.filter((row) => row.outcome === "failed").length;

process.stdout.write(
  JSON.stringify({ rows: result.reportRows.length, failed, seconds, rowsPerSecond: rows / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n",
);
