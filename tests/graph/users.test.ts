import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphClientGateway } from "../../inventory/graph/GraphClientGateway.js";
import { recordFetch, startTestTenant, users, type TestTenant } from "./support/sandbox.js";

let sandbox: TestTenant;
let graph: GraphClientGateway;

beforeAll(async () => {
  sandbox = await startTestTenant();
  graph = sandbox.gateway();
});

afterAll(async () => {
  await sandbox?.stop();
});

/** Runs `call` and returns the URLs that the Graph client fetched, percent-encoding as sent. */
async function urlsOf(call: () => Promise<unknown>): Promise<string[]> {
  const recorder = recordFetch();
  try {
    await call();
  } finally {
    recorder.restore();
  }
  return recorder.requests.map((request) => request.url);
}

describe("GraphClientGateway users", () => {
  it("finds a guest UPN with #EXT# by filter, sending # as %23", async () => {
    let found;
    const urls = await urlsOf(async () => (found = await graph.findUserByUpn(users.guest.upn)));

    expect(found).toMatchObject({ id: users.guest.id, userPrincipalName: users.guest.upn, userType: "Guest" });
    expect(urls[0]).toContain("/v1.0/users?");
    expect(urls[0]).toContain("%23EXT%23");
    expect(urls[0]).not.toContain("#");
  });

  it("reads a guest by UPN in the path, sending # as %23", async () => {
    let found;
    const urls = await urlsOf(async () => (found = await graph.getUser(users.guest.upn)));

    expect(found).toMatchObject({ id: users.guest.id, userType: "Guest" });
    expect(urls[0]).toContain("/v1.0/users/alex_fabrikam.example%23EXT%23%40northwind.example?");
  });

  it("finds a UPN with an apostrophe by doubling the quote", async () => {
    let found;
    const urls = await urlsOf(async () => (found = await graph.findUserByUpn(users.danONeil.upn)));

    expect(found).toMatchObject({ id: users.danONeil.id, displayName: "Dan O'Neil", userType: "Member", accountEnabled: true });
    expect(decodeURIComponent(urls[0]!)).toContain("userPrincipalName eq 'dan.o''neil@northwind.example'");
    expect(urls[0]).toContain("$select=id%2CdisplayName%2CuserPrincipalName%2CuserType%2CaccountEnabled");
  });

  it("returns nothing for a filter injection attempt", async () => {
    expect(await graph.findUserByUpn("x' or userType eq 'Member")).toBeUndefined();
  });

  it("returns undefined for an unknown user", async () => {
    expect(await graph.findUserByUpn("nobody@northwind.example")).toBeUndefined();
    expect(await graph.getUser("00000000-0000-4000-8000-00000000ffff")).toBeUndefined();
  });

  it("searches users by prefix of display name or UPN", async () => {
    const byName = await graph.searchUsers("Ada");
    const byUpn = await graph.searchUsers("dan.o'");

    expect(byName.map((user) => user.id)).toContain(users.ada.id);
    expect(byUpn.map((user) => user.id)).toEqual([users.danONeil.id]);
  });

  it("limits search results to top", async () => {
    const page = await graph.searchUsers("", 2);

    expect(page).toHaveLength(2);
  });
});
