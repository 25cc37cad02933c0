import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../inventory/errors.js";
import type { ConversationRecord, TableStores } from "../../inventory/storage/index.js";
import { collect, openStores } from "./openStores.js";

const now = new Date("2026-01-01T08:00:00.000Z");

function conversation(id: string, overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    kind: "user",
    id,
    conversationReference: {
      activityId: "1",
      user: { id: "29:1", aadObjectId: id },
      conversation: { id: `a:${id}`, tenantId: "tenant-1" },
      serviceUrl: "https://smba.trafficmanager.net/emea/",
    },
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    tenantId: "tenant-1",
    stale: false,
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

let stores: TableStores;

beforeAll(async () => {
  ({ stores } = await openStores("conv", { now: () => now }));
});

describe("conversation repository", () => {
  it("saves, reads and replaces a reference", async () => {
    await stores.conversations.save(conversation("alex_fabrikam.example#EXT#@contoso.onmicrosoft.com"));
    const read = await stores.conversations.get("user", "alex_fabrikam.example#EXT#@contoso.onmicrosoft.com");
    expect(read).toMatchObject({ serviceUrl: "https://smba.trafficmanager.net/emea/", tenantId: "tenant-1", stale: false });
    expect(read?.conversationReference).toMatchObject({ conversation: { id: "a:alex_fabrikam.example#EXT#@contoso.onmicrosoft.com" } });

    await stores.conversations.save(conversation("alex_fabrikam.example#EXT#@contoso.onmicrosoft.com", { serviceUrl: "https://new/" }));
    expect((await stores.conversations.get("user", "alex_fabrikam.example#EXT#@contoso.onmicrosoft.com"))?.serviceUrl).toBe(
      "https://new/",
    );
    expect(await stores.conversations.get("user", "unknown")).toBeUndefined();
  });

  it("marks a reference stale and leaves it out of lists", async () => {
    await stores.conversations.save(conversation("user-1"));
    await stores.conversations.save(conversation("user-2"));
    await stores.conversations.save(conversation("helpdesk", { kind: "channel" }));

    expect(await stores.conversations.markStale("user", "user-1")).toBe(true);
    expect(await stores.conversations.markStale("user", "nobody")).toBe(false);

    const active = (await collect(stores.conversations.list("user"))).map((item) => item.id);
    const all = (await collect(stores.conversations.list("user", { includeStale: true }))).map((item) => item.id);
    expect(active).not.toContain("user-1");
    expect(active).toContain("user-2");
    expect(all).toContain("user-1");
    expect((await collect(stores.conversations.list("channel"))).map((item) => item.id)).toEqual(["helpdesk"]);
  });

  it("rejects a kind that is not a plain word", async () => {
    const error = await stores.conversations.get("user' or '1", "x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("invalidConversationKind");
  });
});

describe("attempt repository", () => {
  const user = "dan.o'neil@contoso.example";

  it("counts failures within the window only", async () => {
    await stores.attempts.recordFailure(user, new Date("2026-01-01T07:30:00.000Z"));
    await stores.attempts.recordFailure(user, new Date("2026-01-01T07:50:00.000Z"));
    await stores.attempts.recordFailure(user, new Date("2026-01-01T07:59:59.000Z"));
    await stores.attempts.recordFailure(user);

    expect(await stores.attempts.countRecent(user)).toBe(3);
    expect(await stores.attempts.countRecent(user, { windowMs: 60 * 60 * 1000 })).toBe(4);
    expect(await stores.attempts.countRecent(user, { now: new Date("2026-01-01T07:45:00.000Z") })).toBe(1);
    expect(await stores.attempts.countRecent("x' or PartitionKey ne '")).toBe(0);
  });

  it("stores a lock and resets everything", async () => {
    const other = "user-lock";
    await stores.attempts.recordFailure(other);
    await stores.attempts.lockUntil(other, new Date("2026-01-01T08:15:00.000Z"));
    expect(await stores.attempts.getLockedUntil(other)).toEqual(new Date("2026-01-01T08:15:00.000Z"));

    await stores.attempts.reset(other);
    expect(await stores.attempts.countRecent(other)).toBe(0);
    expect(await stores.attempts.getLockedUntil(other)).toBeUndefined();
    expect(await stores.attempts.countRecent(user)).toBe(3);
  });

  it("resets more than one transaction of failures", async () => {
    const busy = "user-busy";
    for (let index = 0; index < 120; index++) {
      await stores.attempts.recordFailure(busy, new Date(now.getTime() - index * 1000));
    }
    expect(await stores.attempts.countRecent(busy)).toBe(120);

    await stores.attempts.reset(busy);
    expect(await stores.attempts.countRecent(busy)).toBe(0);
  });
});
