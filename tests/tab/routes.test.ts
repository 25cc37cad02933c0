import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../inventory/config.js";
import { startTabStack, users, type TabApiResult, type TabStack } from "./support/tabStack.js";

let stack: TabStack;
let token: string;
const sampleFile = path.join(projectRoot, "samples", "token2-classic.csv");

beforeAll(async () => {
  stack = await startTabStack();
  token = await stack.signIn(users.ada.upn);
});

afterAll(async () => {
  await stack?.stop();
});

async function waitForJob(jobId: string): Promise<TabApiResult> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const progress = await stack.request("GET", `/api/imports/${jobId}`, { token });
    if (progress.json.state === "completed" || progress.json.state === "failed") return progress;
    if (Date.now() > deadline) throw new Error(`Import job ${jobId} is still ${progress.json.state} after 45 s.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function upload(fileName: string, content: string, query = "mode=activate") {
  return stack.request("POST", `/api/imports?fileName=${encodeURIComponent(fileName)}&${query}`, {
    token,
    body: content,
    headers: { "content-type": "text/csv" },
  });
}

describe("import through the tab API", () => {
  let jobId: string;
  let fileText: string;

  it("previews every row without returning a seed", async () => {
    fileText = await readFile(sampleFile, "utf8");

    const result = await upload("token2-classic.csv", fileText);

    expect(result.status).toBe(201);
    expect(result.json.jobId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(result.json.counts.total).toBe(result.json.rows.length);
    expect(result.json.rows[0]).toMatchObject({ row: 1, serialNumber: "1100000004256", upn: users.ada.upn });
    const seeds = fileText.split(/\r?\n/).slice(1).map((line) => line.split(",")[2]).filter(Boolean) as string[];
    for (const seed of seeds) expect(result.text).not.toContain(seed);
    jobId = result.json.jobId;
  });

  it("runs the job to the end and reports it", async () => {
    const started = await stack.request("POST", `/api/imports/${jobId}/start`, { token });
    expect(started.status).toBe(202);

    const finished = await waitForJob(jobId);

    expect(finished.json.state).toBe("completed");
    expect(finished.json.steps.done).toBe(finished.json.totalRows);
    const report = await stack.request("GET", `/api/imports/${jobId}/report`, { token });
    expect(report.json.rows.some((row: { outcome: string }) => row.outcome === "activated")).toBe(true);
  });

  it("offers the results as CSV", async () => {
    const result = await stack.request("GET", `/api/imports/${jobId}/report.csv`, { token });

    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toContain("text/csv");
    expect(result.text.split("\r\n")[0]).toBe("row,serialNumber,upn,userDisplayName,outcome,hashFunction,hashInferred,timeIntervalInSeconds,errorCode,errorMessage");
  });

  it("lists the job", async () => {
    const result = await stack.request("GET", "/api/imports", { token });

    expect(result.json.items.map((job: { jobId: string }) => job.jobId)).toContain(jobId);
  });

  it("returns 404 for an unknown job", async () => {
    const result = await stack.request("GET", "/api/imports/unknownjob/report", { token });

    expect(result.status).toBe(404);
    expect(result.json.code).toBe("jobNotFound");
  });
});

describe("token actions through the tab API", () => {
  let serial: string;

  beforeAll(async () => {
    const preview = await upload("one.csv", "serial number,secret key,time interval,manufacturer,model\r\n71239001,BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA,30,Token2,C202\r\n", "mode=import");
    await stack.request("POST", `/api/imports/${preview.json.jobId}/start`, { token });
    await waitForJob(preview.json.jobId);
    serial = "71239001";
  });

  it("lists tokens filtered by serial", async () => {
    const result = await stack.request("GET", `/api/tokens?serial=7123900&pageSize=10&sort=serialNumber`, { token });

    expect(result.status).toBe(200);
    expect(result.json.items.map((item: { serialNumber: string }) => item.serialNumber)).toEqual([serial]);
    expect(result.json.items[0].status).toBe("available");
  });

  it("assigns, activates from the stored seed, unassigns and deletes", async () => {
    const assigned = await stack.request("POST", `/api/tokens/${serial}/assign`, { token, json: { user: users.chloe.upn } });
    expect(assigned.status).toBe(200);
    expect(assigned.json.status).toBe("assigned");

    const activated = await stack.request("POST", `/api/tokens/${serial}/activate`, { token, json: { generate: true } });
    expect(activated.status).toBe(200);
    expect(activated.json.status).toBe("activated");

    const unassigned = await stack.request("POST", `/api/tokens/${serial}/unassign`, { token });
    expect(unassigned.status).toBe(200);
    expect(unassigned.json.assignedTo).toBeUndefined();

    const deleted = await stack.request("DELETE", `/api/tokens/${serial}`, { token });
    expect(deleted.status).toBe(204);

    const afterDelete = await stack.request("GET", `/api/tokens/${serial}`, { token });
    expect(afterDelete.status).toBe(404);
  });

  it("writes the signed-in admin as the actor of the audit entries", async () => {
    const result = await stack.request("GET", `/api/audit?serial=${serial}&pageSize=50`, { token });

    expect(result.status).toBe(200);
    const actions = result.json.items.map((record: { action: string }) => record.action);
    expect(actions.length).toBeGreaterThanOrEqual(4);
    for (const record of result.json.items.filter((item: { action: string }) => item.action !== "import")) {
      expect(record.actor).toBe(users.ada.upn);
    }
  });

  it("exports the filtered audit log as CSV", async () => {
    const result = await stack.request("GET", `/api/audit.csv?serial=${serial}`, { token });

    expect(result.status).toBe(200);
    expect(result.text.startsWith("time,actor,action,serialNumber,targetUser,outcome,reason,jobId\r\n")).toBe(true);
    expect(result.text).toContain(users.ada.upn);
  });

  it("returns 404 with a JSON error for an unknown serial", async () => {
    const result = await stack.request("POST", "/api/tokens/99999999/unassign", { token });

    expect(result.status).toBe(404);
    expect(Object.keys(result.json).sort()).toEqual(["code", "message"]);
  });
});

describe("CSV exports of hostile file content", () => {
  it("prefixes formula cells in the results CSV with a quote", async () => {
    const hostile = "upn,serial number,secret key,time interval,manufacturer,model\r\n=HYPERLINK(\"http://evil.example\"),=1+2,BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA,30,Token2,C202\r\n";
    const preview = await upload("hostile.csv", hostile, "mode=import");
    expect(preview.status).toBe(201);

    const csv = await stack.request("GET", `/api/imports/${preview.json.jobId}/report.csv`, { token });

    const dataLine = csv.text.split("\r\n")[1] ?? "";
    expect(dataLine).toContain(",'=1+2,");
    expect(dataLine).not.toMatch(/(^|,)=/);
  });
});
