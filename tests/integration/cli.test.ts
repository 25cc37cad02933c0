import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../inventory/config.js";
import type { TestTenant } from "../graph/support/sandbox.js";
import { startConfiguredTenant, type ConfiguredTenant } from "./support/configuredTenant.js";
import { generateCsv, type TestUser } from "../support/testData.js";

const cli = path.join(projectRoot, "bin", "token-inventory.mjs");
const header = "upn,serial number,secret key,time interval,manufacturer,model\r\n";
const secretA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, in its own process. */
function runCli(args: string[], env: NodeJS.ProcessEnv, watch?: (stderr: () => string, kill: () => void) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: projectRoot, env: { ...env, LOG_LEVEL: "error" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    watch?.(() => stderr, () => child.kill("SIGKILL"));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("CLI in sandbox mode, as in the README quickstart", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "cli-sandbox-"));
    // No NODE_EXTRA_CA_CERTS: the CLI must arrange trust in the sandbox certificate itself.
    const { NODE_EXTRA_CA_CERTS: _trusted, ...rest } = process.env;
    env = { ...rest, DATA_DIR: dataDir, SANDBOX_PORT: "0", AZURITE_TABLE_PORT: "0" };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("imports the sample, then lists, audits and exports in later runs", async () => {
    const imported = await runCli(["import", "samples/token2-classic.csv", "--json"], env);
    expect(imported.stderr).not.toContain("Error");
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report.counts).toMatchObject({ total: 12, activated: 10, created: 2, failed: 0 });
    expect(report.rows[2]).toMatchObject({ row: 3, serialNumber: "1100000019318", upn: null, outcome: "created", hashFunction: "hmacsha256", hashInferred: true });

    const listed = await runCli(["tokens", "--json"], env);
    const tokens = JSON.parse(listed.stdout) as { status: string; seedStored: boolean }[];
    expect(tokens).toHaveLength(12);
    expect(tokens.filter((token) => token.status === "activated")).toHaveLength(10);
    expect(listed.stdout).not.toContain("secretKey");

    const audit = await runCli(["audit", "--json", "--action", "activate"], env);
    expect(JSON.parse(audit.stdout)).toHaveLength(10);

    const exportFile = path.join(dataDir, "tokens.csv");
    const exported = await runCli(["export", exportFile], env);
    expect(exported.code).toBe(0);
    expect((await readFile(exportFile, "utf8")).trim().split("\r\n")).toHaveLength(13);
  });
});

describe("CLI against a configured tenant", () => {
  let configured: ConfiguredTenant;
  let tenant: TestTenant;
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    configured = await startConfiguredTenant("cli-tenant");
    ({ tenant, workDir } = configured);
    env = { ...configured.env };
  });
  afterAll(() => configured.stop());

  const devices = () => new Map(tenant.tenant.devices().map((device) => [device.serialNumber, device]));

  it("assign mode assigns every row with a user", async () => {
    const result = await runCli(["import", "samples/entra-admin-center.csv", "--mode", "assign"], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("8 rows: 0 activated, 7 assigned, 1 created");
    expect(devices().get("1100000004061")).toMatchObject({ status: "assigned", timeIntervalInSeconds: 60 });
    expect(devices().get("1100000032426")).toMatchObject({ status: "available" });
  });

  it("import mode creates every token unassigned", async () => {
    const result = await runCli(["import", "samples/token2-seeds.json", "--mode", "import", "--json"], env);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: { created: number }; rows: { serialNumber: string }[] };
    expect(report.counts.created).toBe(4);
    for (const row of report.rows) expect(devices().get(row.serialNumber)).toMatchObject({ status: "available", assignedTo: null });
  });

  it("dry run checks a file and changes nothing", async () => {
    const before = tenant.tenant.devices().length;

    const result = await runCli(["import", "samples/graph-delta.json", "--mode", "import", "--dry-run"], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Dry run of graph-delta.json");
    expect(tenant.tenant.devices()).toHaveLength(before);
  });

  it("exits 1 when activate mode finds no user column", async () => {
    const result = await runCli(["import", "samples/graph-delta.json", "--dry-run"], env);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Warning: The file has no user column ("upn")');
  });

  it("exits 1 and names each failed row", async () => {
    const file = path.join(workDir, "unknown-user.csv");
    await writeFile(file, header + `nobody@northwind.example,71239001,${secretA},30,Token2,C202\r\n` + `,71239002,${secretA},30,Token2,C202\r\n`);

    const result = await runCli(["import", file], env);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/row 1 71239001 nobody@northwind\.example \[failed\] userNotFound/);
    expect(devices().get("71239002")).toMatchObject({ status: "available" });
  });

  it("exits 2 for a file whose header cannot be mapped", async () => {
    const file = path.join(workDir, "bad-header.csv");
    await writeFile(file, "user,token,key\r\nada.alvarez@northwind.example,1,2\r\n");

    const result = await runCli(["import", file], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unmappedHeader");
    expect(result.stdout).toBe("");
  });

  it("exits 2 for an invalid option value", async () => {
    const result = await runCli(["import", "samples/token2-classic.csv", "--mode", "everything", "--dry-run"], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Allowed choices are import, assign, activate");
  });

  it("resumes a killed import without duplicates", async () => {
    const members = (JSON.parse(await readFile(path.join(projectRoot, "samples", "directory.json"), "utf8")) as TestUser[]).filter(
      (user) => user.userType === "Member" && user.accountEnabled,
    );
    const file = path.join(workDir, "forty.csv");
    await writeFile(file, generateCsv({ count: 40, users: members, serialBase: 3_300_000_000_000, label: "resume" }));
    tenant.tenant.knobs.latencyMs = 150;

    let jobId: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const killed = await runCli(["import", file], { ...env, IMPORT_CONCURRENCY: "2" }, (stderr, kill) => {
      timer = setInterval(() => {
        jobId ??= /Job (\S+) stored/.exec(stderr())?.[1];
        const activated = tenant.tenant.devices().filter((device) => device.serialNumber.startsWith("33") && device.status === "activated");
        if (jobId && activated.length >= 3) kill();
      }, 20);
    });
    clearInterval(timer);
    expect(killed.code).toBeNull();
    expect(jobId).toBeDefined();
    const activatedBefore = tenant.tenant.devices().filter((device) => device.serialNumber.startsWith("33") && device.status === "activated").length;
    expect(activatedBefore).toBeLessThan(40);
    const jobs = JSON.parse((await runCli(["jobs", "--json"], env)).stdout) as { jobId: string; state: string }[];
    expect(jobs.find((job) => job.jobId === jobId)?.state).toBe("interrupted");

    tenant.tenant.knobs.latencyMs = 0;
    const resumed = await runCli(["import", "--resume", jobId!, "--json"], env);

    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).counts).toMatchObject({ total: 40, activated: 40, failed: 0 });
    const serials = tenant.tenant.devices().map((device) => device.serialNumber).filter((serial) => serial.startsWith("33"));
    expect(serials).toHaveLength(40);
    expect(new Set(serials).size).toBe(40);
    const inventory = JSON.parse((await runCli(["tokens", "--json"], env)).stdout) as { serialNumber: string; status: string }[];
    const listed = inventory.filter((token) => token.serialNumber.startsWith("33"));
    expect(listed).toHaveLength(40);
    expect(listed.every((token) => token.status === "activated")).toBe(true);
  });
});
