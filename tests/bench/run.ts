import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureSandboxCertificate } from "../../sandbox/tenant/certificate.js";

/**
 * `npm run bench`: runs each phase in a child process (own peak memory) and prints the figures
 * and their ratios, all measured in this one run. The sandbox tenant adds 50 ms of latency to
 * every Graph call and answers 429 beyond 40 requests per second.
 */
const tokenCount = Number(process.env.BENCH_TOKENS ?? 1000);
const parseRows = Number(process.env.BENCH_ROWS ?? 100_000);
const listTokens = Number(process.env.BENCH_LIST_TOKENS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const limitTokensPerSecond = 40;

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function runPhase(script: string, args: string[], extraCa?: string): Record<string, number> {
  const output = execFileSync(tsx, [path.join(root, "tests", "bench", script), ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...(extraCa ? { NODE_EXTRA_CA_CERTS: extraCa } : {}) },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split("\n").pop()!) as Record<string, number>;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

const sandboxRoot = mkdtempSync(path.join(os.tmpdir(), "token-bench-sandbox-"));
try {
  const certificate = await ensureSandboxCertificate(path.join(sandboxRoot, "parallel"));
  await ensureSandboxCertificate(path.join(sandboxRoot, "serial"));

  console.log(`Importing ${tokenCount} tokens in activate mode at concurrency ${concurrency} …`);
  const parallel = runPhase("importPhase.ts", [String(tokenCount), String(concurrency), path.join(sandboxRoot, "parallel")], certificate.caCertificatePath);
  console.log(`Importing ${tokenCount} tokens in activate mode at concurrency 1 …`);
  const serialCa = path.join(sandboxRoot, "serial", path.basename(certificate.caCertificatePath));
  const serial = runPhase("importPhase.ts", [String(tokenCount), "1", path.join(sandboxRoot, "serial")], serialCa);
  console.log(`Parsing and validating ${parseRows} rows …`);
  const parse = runPhase("parsePhase.ts", [String(parseRows)]);
  console.log(`Listing pages of ${listTokens} stored tokens …`);
  const list = runPhase("listPhase.ts", [String(listTokens)]);

  const limitRatio = parallel.tokensPerSecond! / limitTokensPerSecond;
  const serialRatio = parallel.tokensPerSecond! / serial.tokensPerSecond!;
  const lines = [
    "",
    "| figure | value | target |",
    "|---|---|---|",
    `| tokens per second (concurrency ${concurrency}) | ${fixed(parallel.tokensPerSecond!)} | |`,
    `| tokens per second (concurrency 1) | ${fixed(serial.tokensPerSecond!)} | |`,
    `| Graph requests per token | ${fixed(parallel.requestsPerToken!, 2)} | |`,
    `| ratio to the limit of 40 tokens/s (1 request per token) | ${fixed(limitRatio, 2)} | at least 0.5 |`,
    `| ratio to concurrency 1 | ${fixed(serialRatio, 2)} | at least 5 |`,
    `| 429 answers seen | ${parallel.throttled} (concurrency 1: ${serial.throttled}) | |`,
    `| failed rows | ${parallel.failures} (concurrency 1: ${serial.failures}) | 0 |`,
    `| duplicate devices | ${parallel.duplicates} (concurrency 1: ${serial.duplicates}) | 0 |`,
    `| peak memory of the import | ${fixed(parallel.peakRssMb!)} MB | |`,
    `| rows per second, parse and validate ${parseRows} rows | ${fixed(parse.rowsPerSecond!, 0)} | |`,
    `| peak memory, ${parseRows} rows | ${fixed(parse.peakRssMb!)} MB | under 200 MB |`,
    `| token list, ${listTokens} tokens: first page (reads the table) | ${fixed(list.firstPageMs!, 0)} ms | |`,
    `| token list: next page, and a serial filter (snapshot) | ${fixed(list.nextPageMs!, 1)} ms, ${fixed(list.filteredMs!, 1)} ms | |`,
    "",
  ];
  console.log(lines.join("\n"));

  const met =
    limitRatio >= 0.5 && serialRatio >= 5 && parallel.failures === 0 && parallel.duplicates === 0 && parse.peakRssMb! < 200 && parse.failed === 0;
  console.log(met ? "All targets met." : "Some targets are not met; see the table above.");
} finally {
  rmSync(sandboxRoot, { recursive: true, force: true });
}
