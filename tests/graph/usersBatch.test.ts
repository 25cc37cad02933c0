import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphClientGateway } from "../../inventory/graph/GraphClientGateway.js";
import { recordFetch, startTestTenant, users, type TestTenant } from "./support/sandbox.js";

describe("findUsersByUpns", () => {
  let tenant: TestTenant;
  let gateway: GraphClientGateway;

  beforeAll(async () => {
    tenant = await startTestTenant();
    gateway = tenant.gateway();
  });
  afterAll(() => tenant.stop());

  it("finds users with quotes and #EXT# in one request", async () => {
    const recorder = recordFetch();
    try {
      const found = await gateway.findUsersByUpns([users.ada.upn, users.danONeil.upn, users.guest.upn, "nobody@northwind.example"]);

      expect(found.map((user) => user.id).sort()).toEqual([users.ada.id, users.danONeil.id, users.guest.id].sort());
      const lookups = recorder.requests.filter((request) => request.url.includes("/users?"));
      expect(lookups).toHaveLength(1);
      expect(decodeURIComponent(lookups[0]!.url)).toContain("'dan.o''neil@northwind.example'");
    } finally {
      recorder.restore();
    }
  });

  it("splits more than 15 names into several requests", async () => {
    const recorder = recordFetch();
    try {
      const names = Array.from({ length: 20 }, (_, index) => `missing${index}@northwind.example`).concat(users.chloe.upn);

      const found = await gateway.findUsersByUpns(names);

      expect(found.map((user) => user.id)).toEqual([users.chloe.id]);
      expect(recorder.requests.filter((request) => request.url.includes("/users?"))).toHaveLength(2);
    } finally {
      recorder.restore();
    }
  });

  it("falls back to one lookup per name when Graph rejects in", async () => {
    const recorder = recordFetch(async (request, response) => {
      if (!decodeURIComponent(request.url).includes(" in (")) return response;
      const body = { error: { code: "Request_UnsupportedQuery", message: "Unsupported query." } };
      return new Response(JSON.stringify(body), { status: 400, headers: { "content-type": "application/json" } });
    });
    try {
      const found = await gateway.findUsersByUpns([users.ada.upn, users.bruno.upn]);

      expect(found.map((user) => user.id).sort()).toEqual([users.ada.id, users.bruno.id].sort());
      expect(recorder.requests.filter((request) => request.url.includes("/users?"))).toHaveLength(3);
    } finally {
      recorder.restore();
    }
  });
});
