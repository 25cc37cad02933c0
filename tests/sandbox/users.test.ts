import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { appToken, graph, sampleUsers, startTestTenant } from "./helpers.js";

describe("sandbox Graph users", () => {
  let tenant: SandboxTenant;
  let token: string;
  const query = (filter: string) => `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,userPrincipalName,userType,accountEnabled`;

  beforeAll(async () => {
    tenant = await startTestTenant();
    token = await appToken(tenant);
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("finds a UPN with a doubled quote", async () => {
    const response = await graph(tenant, token, "GET", query("userPrincipalName eq 'dan.o''neil@northwind.example'"));

    expect(response.status).toBe(200);
    expect(response.body.value).toEqual([
      { id: sampleUsers.oneil.id, displayName: "Dan O'Neil", userPrincipalName: sampleUsers.oneil.upn, userType: "Member", accountEnabled: true },
    ]);
  });

  it("rejects a UPN literal with a lone quote", async () => {
    const response = await graph(tenant, token, "GET", query("userPrincipalName eq 'dan.o'neil@northwind.example'"));

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("Request_UnsupportedQuery");
  });

  it("finds users by id and case-insensitive UPN", async () => {
    const byId = await graph(tenant, token, "GET", query(`id eq '${sampleUsers.ada.id}'`));
    const byUpn = await graph(tenant, token, "GET", query("userPrincipalName eq 'ADA.ALVAREZ@northwind.example'"));

    expect(byId.body.value.map((user: { id: string }) => user.id)).toEqual([sampleUsers.ada.id]);
    expect(byUpn.body.value.map((user: { id: string }) => user.id)).toEqual([sampleUsers.ada.id]);
  });

  it("searches prefixes of name and UPN with or", async () => {
    const response = await graph(tenant, token, "GET", `${query("startswith(displayName,'dan') or startswith(userPrincipalName,'ADA')")}&$top=10`);

    expect(response.status).toBe(200);
    expect(response.body.value.map((user: { displayName: string }) => user.displayName).sort()).toEqual(["Ada Alvarez", "Dan O'Neil"]);
  });

  it.each([["0"], ["1000"], ["ten"]])("rejects $top=%s", async (top) => {
    const response = await graph(tenant, token, "GET", `/v1.0/users?$top=${top}`);

    expect(response.status).toBe(400);
  });

  it("pages users at $top", async () => {
    const first = await graph(tenant, token, "GET", "/v1.0/users?$top=4");

    expect(first.body.value).toHaveLength(4);
    const second = await graph(tenant, token, "GET", first.body["@odata.nextLink"]);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
  });

  it("requires ConsistencyLevel eventual for $search", async () => {
    const path = `/v1.0/users?$search=${encodeURIComponent('"displayName:alvarez"')}`;

    const without = await graph(tenant, token, "GET", path);
    expect(without.status).toBe(400);
    expect(without.body.error.message).toMatch(/ConsistencyLevel: eventual/);
    const withHeader = await graph(tenant, token, "GET", path, undefined, { ConsistencyLevel: "eventual" });
    expect(withHeader.status).toBe(200);
    expect(withHeader.body.value.length).toBeGreaterThan(1);
    for (const user of withHeader.body.value) expect(user.displayName).toMatch(/Alvarez/);
  });

  it("gets a user by id and by encoded guest UPN", async () => {
    const byId = await graph(tenant, token, "GET", `/v1.0/users/${sampleUsers.ada.id}`);
    const byGuestUpn = await graph(tenant, token, "GET", `/v1.0/users/${encodeURIComponent(sampleUsers.guest.upn)}?$select=id,userType`);

    expect(byId.body.displayName).toBe("Ada Alvarez");
    expect(byGuestUpn.body).toMatchObject({ id: sampleUsers.guest.id, userType: "Guest" });
  });

  it("rejects an unknown $select property", async () => {
    const response = await graph(tenant, token, "GET", "/v1.0/users?$select=id,shoeSize");

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("shoeSize");
  });
});
