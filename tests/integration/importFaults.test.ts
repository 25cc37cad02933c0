import { afterEach, describe, expect, it } from "vitest";
import { deviceParams } from "../graph/support/sandbox.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../inventory/config.js";
import { generateCsv, type TestUser } from "../support/testData.js";
import { admin, startImportStack, type ImportStack } from "./support/importStack.js";

const header = "upn,serial number,secret key,time interval,manufacturer,model\r\n";
const secretA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

/** Enabled member accounts of the sample directory, which the sandbox tenant serves. */
function sampleMembers(): TestUser[] {
  const users = JSON.parse(readFileSync(path.join(projectRoot, "samples", "directory.json"), "utf8")) as TestUser[];
  return users.filter((user) => user.userType === "Member" && user.accountEnabled);
}

let stack: ImportStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe("rows whose user cannot hold the token", () => {
  it("imports a guest's token unassigned and audits the rejection", async () => {
    stack = await startImportStack();
    const csv = header + `alex_fabrikam.example#EXT#@northwind.example,71230005,${secretA},30,Token2,C202\r\n`;

    const report = await stack.importText("guest.csv", csv, { mode: "activate" });

    expect(report.rows[0]).toMatchObject({ outcome: "failed", error: { code: "guestUser" } });
    expect(report.rows[0]!.error!.message).toContain("guest accounts cannot hold hardware OATH tokens");
    expect(stack.devicesBySerial().get("71230005")).toMatchObject({ status: "available", assignedTo: null });
    const audit = await stack.auditEntries();
    expect(audit.find((entry) => entry.serialNumber === "71230005" && entry.outcome !== "success")).toMatchObject({
      outcome: "rejected",
      targetUser: "alex_fabrikam.example#EXT#@northwind.example",
    });
  });

  it("rejects unknown and disabled users with their reason", async () => {
    stack = await startImportStack();
    const csv =
      header +
      `nobody@northwind.example,71230020,${secretA},30,Token2,C202\r\n` +
      `former.employee@northwind.example,71230021,${secretA},30,Token2,C202\r\n` +
      `dan.o'neil@northwind.example,71230022,${secretA},30,Token2,C202\r\n`;

    const report = await stack.importText("users.csv", csv, { mode: "activate" });

    expect(report.rows.map((row) => row.error?.code ?? row.outcome)).toEqual(["userNotFound", "userDisabled", "activated"]);
    expect(report.rows.map((row) => row.outcome)).toEqual(["failed", "failed", "activated"]);
    const devices = stack.devicesBySerial();
    expect(devices.get("71230020")).toMatchObject({ status: "available", assignedTo: null });
    expect(devices.get("71230021")).toMatchObject({ status: "available", assignedTo: null });
  });

  it("assigns and activates a skipped token when the row is imported again with a valid user", async () => {
    stack = await startImportStack();
    await stack.importText("typo.csv", header + `nobody@northwind.example,71230023,${secretA},30,Token2,C202\r\n`, { mode: "activate" });

    const report = await stack.importText("fixed.csv", header + `ada.alvarez@northwind.example,71230023,${secretA},30,Token2,C202\r\n`, { mode: "activate" });

    expect(report.rows[0]).toMatchObject({ outcome: "activated" });
    expect(stack.tenant.devices().filter((device) => device.serialNumber === "71230023")).toHaveLength(1);
    expect(stack.devicesBySerial().get("71230023")).toMatchObject({ status: "activated", assignedTo: { id: "00000000-0000-4000-8000-000000000001" } });
  });

  it("rejects a file with a header and no rows", async () => {
    stack = await startImportStack();

    await expect(stack.imports.validate({ fileName: "empty.csv", content: Buffer.from(header) }, { mode: "activate" })).rejects.toMatchObject({
      code: "noDataRows",
    });
  });

  it("reports a serial repeated in the file and one already in the inventory", async () => {
    stack = await startImportStack();
    await stack.importText("first.csv", header + `,71230030,${secretA},30,Token2,C202\r\n`, { mode: "import" });
    const csv = header + `,71230030,${secretA},30,Token2,C202\r\n` + `,71230031,${secretA},30,Token2,C202\r\n` + `,71230031,${secretA},30,Token2,C202\r\n`;

    const report = await stack.importText("second.csv", csv, { mode: "import" });

    expect(report.rows.map((row) => [row.outcome, row.error?.code])).toEqual([
      ["skipped", "alreadyInInventory"],
      ["created", undefined],
      ["failed", "duplicateSerial"],
    ]);
    expect(report.rows[2]!.error!.message).toContain("row 2");
    expect(stack.devicesBySerial().size).toBe(2);
  });
});

describe("resume after a crash", () => {
  it("adopts devices that Graph already has instead of creating or activating them again", async () => {
    stack = await startImportStack();
    const csv =
      header +
      `ada.alvarez@northwind.example,71230040,${secretA},30,Token2,C202\r\n` +
      `bruno.alvarez@northwind.example,71230041,${secretA},30,Token2,C202\r\n` +
      `chloe.alvarez@northwind.example,71230042,${secretA},30,Token2,C202\r\n`;
    const draft = await stack.imports.createJob({ fileName: "crash.csv", content: Buffer.from(csv) }, { mode: "activate" }, admin);

    // What a process killed mid-job leaves behind: one device created and assigned, one already
    // activated, and no step of either recorded in the job.
    await stack.graph.createDevice({ ...deviceParams("71230040", secretA), assignTo: { id: "00000000-0000-4000-8000-000000000001" } });
    const activated = await stack.graph.createDevice({ ...deviceParams("71230041", secretA), assignTo: { id: "00000000-0000-4000-8000-000000000002" } });
    const { generateCode } = await import("../../inventory/totp/codes.js");
    const code = generateCode({ secretKey: secretA, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds: Date.now() / 1000 });
    await stack.graph.activateDevice("00000000-0000-4000-8000-000000000002", activated.id, code);
    const stepBefore = stack.tenant.devices().find((device) => device.serialNumber === "71230041")!.lastAcceptedStep;

    const report = await stack.imports.run(draft.jobId!, admin);

    expect(report.counts).toMatchObject({ activated: 3, failed: 0 });
    expect(stack.tenant.devices()).toHaveLength(3);
    const after = stack.tenant.devices().find((device) => device.serialNumber === "71230041")!;
    expect(after.lastAcceptedStep).toBe(stepBefore);
  });

  it("running a finished job again changes nothing", async () => {
    stack = await startImportStack();
    const draft = await stack.imports.createJob({ fileName: "once.csv", content: Buffer.from(header + `ada.alvarez@northwind.example,71230050,${secretA},30,Token2,C202\r\n`) }, { mode: "activate" }, admin);
    await stack.imports.run(draft.jobId!, admin);
    stack.tenant.resetStats();

    const report = await stack.imports.run(draft.jobId!, admin);

    expect(report.counts.activated).toBe(1);
    expect(stack.tenant.stats().requests).toBe(0);
  });
});

describe("a slow or unwilling Graph", () => {
  it("finishes with throttling, injected 503s and replication delay", async () => {
    stack = await startImportStack({
      concurrency: 8,
      knobs: { throttle: { requestsPerSecond: 15, retryAfterSeconds: 1 }, failures503: { every: 7, retryAfterSeconds: 0 }, replicationDelayMs: 300 },
    });
    const members = sampleMembers();
    const csv = generateCsv({ count: 30, users: members });

    const report = await stack.importText("generated.csv", csv, { mode: "activate" });

    expect(report.counts).toMatchObject({ total: 30, activated: 30, failed: 0 });
    const serials = stack.tenant.devices().map((device) => device.serialNumber);
    expect(new Set(serials).size).toBe(30);
    expect(stack.tenant.stats().throttled + stack.tenant.stats().injected503).toBeGreaterThan(0);
  });

  it("activates despite replication delay after assignment", async () => {
    stack = await startImportStack({ knobs: { replicationDelayMs: 1500 } });
    const csv = header + `ada.alvarez@northwind.example,71230060,${secretA},30,Token2,C202\r\n`;

    const report = await stack.importText("delay.csv", csv, { mode: "activate" });

    expect(report.rows[0]).toMatchObject({ outcome: "activated" });
  });
});

describe("helpdesk notification", () => {
  it("reports an import that finished with failed rows", async () => {
    stack = await startImportStack();
    const csv = header + `nobody@northwind.example,71230070,${secretA},30,Token2,C202\r\n` + `,71230071,${secretA},30,Token2,C202\r\n`;

    await stack.importText("mixed.csv", csv, { mode: "activate" });

    expect(stack.notifier.events).toHaveLength(1);
    expect(stack.notifier.events[0]).toMatchObject({ kind: "importFinished", fileName: "mixed.csv", counts: { failed: 1, created: 1 } });
  });
});
