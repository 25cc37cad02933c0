import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "../../inventory/errors.js";
import { EntityTable } from "../../inventory/storage/entityTable.js";
import type { TableStores, TokenRecord } from "../../inventory/storage/index.js";
import { collect, openStores, rawTable } from "./openStores.js";

function token(serialNumber: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    hashFunction: "hmacsha1",
    timeIntervalInSeconds: 30,
    status: "available",
    createdAt: "2026-01-01T08:00:00.000Z",
    updatedAt: "2026-01-01T08:00:00.000Z",
    ...overrides,
  };
}

let stores: TableStores;
let tablePrefix: string;

beforeAll(async () => {
  ({ stores, tablePrefix } = await openStores("tokens"));
});

describe("token repository", () => {
  it("creates, reads, updates and deletes a token", async () => {
    const created = await stores.tokens.create(
      token("71230001", { encryptedSecret: "v1.sealed", lastAcceptedTimeStep: 58_974_306, driftSteps: -1 }),
    );
    expect(created.etag).toBeTruthy();

    const read = await stores.tokens.get("71230001");
    expect(read).toMatchObject({ serialNumber: "71230001", lastAcceptedTimeStep: 58_974_306, driftSteps: -1 });
    expect(read?.etag).toBe(created.etag);

    const updated = await stores.tokens.update({ ...read!, status: "assigned", assignedUserId: "u1", encryptedSecret: undefined });
    expect(updated.etag).not.toBe(created.etag);
    const reread = await stores.tokens.get("71230001");
    expect(reread?.status).toBe("assigned");
    expect(reread?.encryptedSecret).toBeUndefined();

    expect(await stores.tokens.delete("71230001", reread!.etag)).toBe(true);
    expect(await stores.tokens.get("71230001")).toBeUndefined();
    expect(await stores.tokens.delete("71230001")).toBe(false);
  });

  it("rejects a second create of a serial", async () => {
    await stores.tokens.create(token("71230002"));
    const error = await stores.tokens.create(token("71230002")).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("tokenExists");
  });

  it("rejects the slower of two writers with etagMismatch", async () => {
    await stores.tokens.create(token("71230003"));
    const first = (await stores.tokens.get("71230003"))!;
    const second = (await stores.tokens.get("71230003"))!;

    await stores.tokens.update({ ...first, status: "assigned", assignedUserId: "user-a" });
    const error = await stores.tokens
      .update({ ...second, status: "assigned", assignedUserId: "user-b" })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("etagMismatch");
    expect((await stores.tokens.get("71230003"))?.assignedUserId).toBe("user-a");
  });

  it("rejects a delete with a stale etag", async () => {
    const created = await stores.tokens.create(token("71230004"));
    await stores.tokens.update({ ...created, displayName: "renamed" });

    const error = await stores.tokens.delete("71230004", created.etag).catch((caught: unknown) => caught);
    expect((error as ConflictError).code).toBe("etagMismatch");
    expect(await stores.tokens.get("71230004")).toBeDefined();
  });

  it("requires an etag to update", async () => {
    await stores.tokens.create(token("71230005"));
    const error = await stores.tokens.update(token("71230005", { etag: "*" })).catch((caught: unknown) => caught);
    expect((error as ValidationError).code).toBe("etagRequired");
    const missing = await stores.tokens.update(token("71230005")).catch((caught: unknown) => caught);
    expect((missing as ValidationError).code).toBe("etagRequired");
  });

  it("reports an update of a deleted token as not found", async () => {
    const created = await stores.tokens.create(token("71230006"));
    await stores.tokens.delete("71230006", created.etag);

    const error = await stores.tokens.update({ ...created, status: "assigned" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe("tokenNotFound");
  });

  it("upserts without an etag", async () => {
    await stores.tokens.upsert(token("71230007", { deviceId: "d-1" }));
    await stores.tokens.upsert(token("71230007", { deviceId: "d-2" }));
    expect((await stores.tokens.get("71230007"))?.deviceId).toBe("d-2");
  });

  it.each(["C202/71230011", "71230012\t", "alex#EXT#?back\\slash"])(
    "stores serial %j that Azure rejects as a raw key",
    async (serialNumber) => {
      await stores.tokens.create(token(serialNumber));

      const read = await stores.tokens.get(serialNumber);
      expect(read?.serialNumber).toBe(serialNumber);
      const raw = await collect(rawTable(`${tablePrefix}tokens`).listEntities());
      const stored = raw.find((entity) => entity.serialNumber === serialNumber);
      expect(stored?.rowKey).toMatch(/^[0-9a-f]+$/);
    },
  );

  it("rejects an oversized property before it reaches Azurite", async () => {
    const error = await stores.tokens
      .create(token("71230020", { displayName: "x".repeat(40_000) }))
      .catch((caught: unknown) => caught);

    // Azurite rejects it too, but with a StorageError; a ValidationError shows our check ran first.
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("propertyTooLarge");
    expect((error as Error).message).toContain("displayName");
    expect(await stores.tokens.get("71230020")).toBeUndefined();
  });

  it("enforces Azure limits that Azurite does not", async () => {
    const raw = rawTable(`${tablePrefix}tokens`);
    const table = new EntityTable(`${tablePrefix}tokens`, raw);
    const manyProperties = Object.fromEntries(Array.from({ length: 253 }, (_, index) => [`p${index}`, index]));
    const long = "x".repeat(30_000);
    const overOneMiB = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`part${index}`, long]));
    const cases = [
      { rowKey: "many", properties: manyProperties, code: "tooManyProperties" },
      { rowKey: "huge", properties: overOneMiB, code: "entityTooLarge" },
      { rowKey: "dash", properties: { "bad-name": 1 }, code: "invalidPropertyName" },
      { rowKey: "int64", properties: { count: 2 ** 40 }, code: "invalidPropertyValue" },
    ];

    for (const { rowKey, properties, code } of cases) {
      const entity = { partitionKey: "limits", rowKey, ...properties };
      const error = await table.create(entity, () => new Error("exists")).catch((caught: unknown) => caught);
      expect(error, rowKey).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code, rowKey).toBe(code);

      // Azurite 3.35 stores the same entity, so only the check in code keeps it from Azure.
      await raw.createEntity(entity);
      await raw.deleteEntity("limits", rowKey);
    }
  });
});

describe("token queries", () => {
  const upn = "dan.o'neil@contoso.example";

  beforeAll(async () => {
    await stores.tokens.create(token("81000001", { status: "assigned", assignedUserId: upn, assignedUpn: upn }));
    await stores.tokens.create(token("81000002", { status: "assigned", assignedUserId: "other-user" }));
    await stores.tokens.create(token("81000003", { status: "activated", assignedUserId: upn }));
    for (let index = 0; index < 7; index++) await stores.tokens.create(token(`8200000${index}`));
  });

  it("lists the tokens of a user whose id contains a quote", async () => {
    const serials = (await collect(stores.tokens.listByUser(upn))).map((item) => item.serialNumber);
    expect(serials).toEqual(["81000001", "81000003"]);
  });

  it("returns nothing for an injection attempt", async () => {
    const injection = "x' or PartitionKey ne '";

    expect(await collect(stores.tokens.listByUser(injection))).toEqual([]);
    expect(await stores.tokens.get(injection)).toBeUndefined();
    expect(await collect(stores.tokens.list({ serialPrefix: injection }))).toEqual([]);
  });

  it("filters by status", async () => {
    const activated = await collect(stores.tokens.list({ status: "activated" }));
    expect(activated.map((item) => item.serialNumber)).toEqual(["81000003"]);
  });

  it("filters by serial prefix in serial order", async () => {
    const serials = (await collect(stores.tokens.list({ serialPrefix: "8100" }))).map((item) => item.serialNumber);
    expect(serials).toEqual(["81000001", "81000002", "81000003"]);
  });

  it("pages through tokens with a continuation token", async () => {
    const first = await stores.tokens.listPage({ serialPrefix: "82" }, { pageSize: 4 });
    const second = await stores.tokens.listPage({ serialPrefix: "82" }, { pageSize: 4, continuationToken: first.continuationToken });

    expect(first.items).toHaveLength(4);
    expect(first.continuationToken).toBeTruthy();
    expect(second.items.map((item) => item.serialNumber)).toEqual(["82000004", "82000005", "82000006"]);
    expect(second.continuationToken).toBeUndefined();
  });
});
