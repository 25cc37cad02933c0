import { beforeAll, describe, expect, it, vi } from "vitest";
import { ConflictError } from "../../inventory/errors.js";
import { createImportJobId, type ImportJob, type ImportRowRecord, type TableStores } from "../../inventory/storage/index.js";
import { EntityTable } from "../../inventory/storage/entityTable.js";
import { createImportRowRepository } from "../../inventory/storage/importRowRepository.js";
import { collect, openStores, rawTable } from "./openStores.js";

function job(jobId: string, overrides: Partial<ImportJob> = {}): ImportJob {
  return {
    jobId,
    actor: "admin@contoso.example",
    fileName: "tokens.csv",
    mode: "activate",
    keepSeeds: false,
    state: "pending",
    totalRows: 2,
    counts: {},
    createdAt: "2026-01-01T08:00:00.000Z",
    updatedAt: "2026-01-01T08:00:00.000Z",
    ...overrides,
  };
}

function row(jobId: string, number: number): ImportRowRecord {
  return {
    jobId,
    row: number,
    serialNumber: `7123${String(number).padStart(4, "0")}`,
    upn: number % 2 === 0 ? `user${number}@contoso.example` : undefined,
    encryptedSecret: `v1.sealed${number}`,
    hashFunction: "hmacsha1",
    hashInferred: true,
    timeIntervalInSeconds: 30,
    manufacturer: "Token2",
    model: "C202",
    steps: { created: false, assigned: false, activated: false },
  };
}

let stores: TableStores;

beforeAll(async () => {
  ({ stores } = await openStores("imports"));
});

describe("import job repository", () => {
  it("creates, reads and updates a job", async () => {
    const jobId = createImportJobId(new Date("2026-01-01T08:00:00Z"));
    await stores.importJobs.create(job(jobId));

    const read = (await stores.importJobs.get(jobId))!;
    expect(read).toMatchObject({ jobId, state: "pending", keepSeeds: false, counts: {} });

    await stores.importJobs.update({
      ...read,
      state: "completed",
      counts: { activated: 1, failed: 1 },
      finishedAt: "2026-01-01T08:05:00.000Z",
    });
    expect(await stores.importJobs.get(jobId)).toMatchObject({ state: "completed", counts: { activated: 1, failed: 1 } });
    expect(await stores.importJobs.get("unknown-job")).toBeUndefined();
  });

  it("rejects a duplicate job id", async () => {
    await stores.importJobs.create(job("duplicate-job"));
    const error = await stores.importJobs.create(job("duplicate-job")).catch((caught: unknown) => caught);
    expect((error as ConflictError).code).toBe("importJobExists");
  });

  it("rejects the slower of two writers with etagMismatch", async () => {
    await stores.importJobs.create(job("contended-job"));
    const first = (await stores.importJobs.get("contended-job"))!;
    const second = (await stores.importJobs.get("contended-job"))!;

    await stores.importJobs.update({ ...first, state: "running" });
    const error = await stores.importJobs.update({ ...second, state: "failed" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("etagMismatch");
  });

  it("lists jobs newest first and the unfinished ones", async () => {
    const { stores: own } = await openStores("importlist");
    await own.importJobs.create(job("old", { createdAt: "2026-01-01T08:00:00.000Z", state: "running" }));
    await own.importJobs.create(job("new", { createdAt: "2026-01-03T08:00:00.000Z", state: "completed" }));
    await own.importJobs.create(job("mid", { createdAt: "2026-01-02T08:00:00.000Z", state: "pending" }));

    expect((await own.importJobs.list()).map((item) => item.jobId)).toEqual(["new", "mid", "old"]);
    expect((await own.importJobs.list({ limit: 1 })).map((item) => item.jobId)).toEqual(["new"]);
    expect((await own.importJobs.listUnfinished()).map((item) => item.jobId)).toEqual(["old", "mid"]);
  });

  it("makes job ids that sort newest first", () => {
    const older = createImportJobId(new Date("2026-01-01T08:00:00Z"));
    const newer = createImportJobId(new Date("2026-01-01T08:00:01Z"));
    expect(newer < older).toBe(true);
    expect(newer).toMatch(/^[0-9]{13}-[0-9a-f]{8}$/);
  });
});

describe("import row repository", () => {
  it("saves 250 rows in chunks and reads them back in row order", async () => {
    const jobId = "job-250";
    const rows = Array.from({ length: 250 }, (_, index) => row(jobId, index + 1)).reverse();

    await stores.importRows.saveAll(jobId, rows);
    const read = await collect(stores.importRows.list(jobId));

    expect(read).toHaveLength(250);
    expect(read.map((item) => item.row)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(read[1]).toMatchObject({ serialNumber: "71230002", upn: "user2@contoso.example", hashInferred: true });
    expect(read[0]?.upn).toBeUndefined();
  });

  it("submits at most 100 rows per transaction", async () => {
    const { tablePrefix } = await openStores("importchunks");
    const client = rawTable(`${tablePrefix}importrows`);
    const submit = vi.spyOn(client, "submitTransaction");
    const repository = createImportRowRepository(new EntityTable(`${tablePrefix}importrows`, client));

    await repository.saveAll("job-chunks", Array.from({ length: 250 }, (_, index) => row("job-chunks", index + 1)));

    expect(submit.mock.calls.map(([actions]) => actions.length)).toEqual([100, 100, 50]);
    expect(await collect(repository.list("job-chunks"))).toHaveLength(250);
  });

  it("rejects saving rows of a job twice", async () => {
    await stores.importRows.saveAll("job-twice", [row("job-twice", 1)]);
    const error = await stores.importRows.saveAll("job-twice", [row("job-twice", 1)]).catch((caught: unknown) => caught);
    expect((error as ConflictError).code).toBe("importRowsExist");
  });

  it("updates a row's steps and error with its etag", async () => {
    await stores.importRows.saveAll("job-steps", [row("job-steps", 1)]);
    const [first] = await collect(stores.importRows.list("job-steps"));

    await stores.importRows.update({
      ...first!,
      steps: { created: true, assigned: true, activated: false },
      outcome: "failed",
      error: { code: "activationFailed", message: "The code was rejected." },
      encryptedSecret: undefined,
    });
    const [updated] = await collect(stores.importRows.list("job-steps"));
    expect(updated).toMatchObject({
      steps: { created: true, assigned: true, activated: false },
      outcome: "failed",
      error: { code: "activationFailed", message: "The code was rejected." },
    });
    expect(updated?.encryptedSecret).toBeUndefined();

    const stale = await stores.importRows.update({ ...first!, outcome: "created" }).catch((caught: unknown) => caught);
    expect((stale as ConflictError).code).toBe("etagMismatch");
  });

  it("keeps rows of different jobs apart", async () => {
    await stores.importRows.saveAll("job-a", [row("job-a", 1)]);
    await stores.importRows.saveAll("job-a2", [row("job-a2", 1), row("job-a2", 2)]);
    expect(await collect(stores.importRows.list("job-a"))).toHaveLength(1);
  });
});
