import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../inventory/errors.js";
import type { AuditEntry, TableStores } from "../../inventory/storage/index.js";
import { collect, openStores, rawTable } from "./openStores.js";

const now = new Date("2026-03-15T12:00:00.000Z");

function entry(time: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { time, actor: "admin@contoso.example", action: "assign", outcome: "success", ...overrides };
}

let stores: TableStores;
let tablePrefix: string;

beforeAll(async () => {
  ({ stores, tablePrefix } = await openStores("audit", { now: () => now }));
  const entries = [
    entry("2026-01-05T08:00:00.000Z", { action: "import", jobId: "job-1" }),
    entry("2026-01-20T08:00:00.000Z", { serialNumber: "71230001", targetUser: "dan.o'neil@contoso.example" }),
    entry("2026-02-10T08:00:00.000Z", { action: "activate", outcome: "failure", reason: "Code rejected by Entra." }),
    entry("2026-02-11T08:00:00.000Z", { actor: "dan.o'neil@contoso.example", action: "activate", detail: { attempt: 2 } }),
    entry("2026-03-01T08:00:00.000Z", { action: "delete", serialNumber: "71230001" }),
  ];
  for (const item of entries) await stores.audit.append(item);
});

describe("audit repository", () => {
  it("lists entries newest first across months", async () => {
    const page = await stores.audit.list();
    expect(page.items.map((item) => item.time)).toEqual([
      "2026-03-01T08:00:00.000Z",
      "2026-02-11T08:00:00.000Z",
      "2026-02-10T08:00:00.000Z",
      "2026-01-20T08:00:00.000Z",
      "2026-01-05T08:00:00.000Z",
    ]);
    expect(page.continuationToken).toBeUndefined();
    expect(page.items[1]?.detail).toEqual({ attempt: 2 });
  });

  it("pages with a continuation token across months", async () => {
    const times: string[] = [];
    let continuationToken: string | undefined;
    let pages = 0;
    do {
      const page = await stores.audit.list({ pageSize: 2, continuationToken });
      times.push(...page.items.map((item) => item.time));
      continuationToken = page.continuationToken;
      pages++;
    } while (continuationToken && pages < 10);

    expect(times).toHaveLength(5);
    expect(new Set(times).size).toBe(5);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("filters by time range", async () => {
    const page = await stores.audit.list({
      from: new Date("2026-01-20T08:00:00.000Z"),
      to: new Date("2026-02-10T08:00:00.000Z"),
    });
    expect(page.items.map((item) => item.time)).toEqual(["2026-02-10T08:00:00.000Z", "2026-01-20T08:00:00.000Z"]);
  });

  it.each([
    [{ action: "activate" }, 2],
    [{ outcome: "failure" as const }, 1],
    [{ serialNumber: "71230001" }, 2],
    [{ actor: "dan.o'neil@contoso.example" }, 1],
    [{ actor: "x' or PartitionKey ne '" }, 0],
  ])("filters by %j", async (query, count) => {
    const page = await stores.audit.list(query);
    expect(page.items).toHaveLength(count);
  });

  it.each([
    ["a secret field name", { detail: { secretKey: "whatever" } }],
    ["a nested code field", { detail: { request: { verificationCode: "017470" } } }],
    ["a Base32 seed in the reason", { reason: "seed ZFSMVFDP7DIHT6P4YKDF46JVMW4FEBUP was bad" }],
    ["a hex seed in the detail", { detail: { note: "3132333435363738393031323334353637383930" } }],
    ["a bearer token", { reason: "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig" }],
  ])("rejects an entry with %s", async (_case, overrides) => {
    const error = await stores.audit
      .append(entry("2026-03-02T08:00:00.000Z", overrides))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("secretInAuditEntry");
    expect((error as Error).message).not.toMatch(/ZFSMVFDP|017470|3132333435|eyJ/);
  });

  it("stores the month as partition and a legal row key", async () => {
    const entities = await collect(rawTable(`${tablePrefix}audit`).listEntities());
    expect(entities.map((entity) => entity.partitionKey).sort()).toEqual(["2026-01", "2026-01", "2026-02", "2026-02", "2026-03"]);
    for (const entity of entities) expect(entity.rowKey).toMatch(/^[0-9]{13}_[0-9a-f]{12}$/);
  });

  it("rejects a continuation token it did not make", async () => {
    const error = await stores.audit.list({ continuationToken: "bm90LWpzb24" }).catch((caught: unknown) => caught);
    expect((error as ValidationError).code).toBe("invalidContinuationToken");
  });

  it("returns an empty page for an empty log", async () => {
    const { stores: empty } = await openStores("auditempty");
    expect(await empty.audit.list()).toEqual({ items: [] });
  });
});
