import { describe, expect, it } from "vitest";
import { ConflictError, InventoryError } from "../../inventory/errors.js";
import { callerFromClaims } from "../../tab/api/auth/caller.js";
import { mapError } from "../../tab/api/http/errors.js";

describe("mapError", () => {
  it.each([
    { name: "MSAL invalid_grant", error: Object.assign(new Error("AADSTS65001: consent"), { errorCode: "invalid_grant" }) },
    { name: "OAuth interaction_required", error: { error: "interaction_required" } },
    { name: "an InventoryError coded consent_required", error: new InventoryError("consent_required", "Consent is missing.", { status: 500 }) },
  ])("maps $name to 403 consent_required", ({ error }) => {
    const mapped = mapError(error, "req-1");

    expect(mapped.status).toBe(403);
    expect(mapped.body.code).toBe("consent_required");
  });

  it("keeps an InventoryError's status, code and message", () => {
    const mapped = mapError(new ConflictError("tokenAssigned", "Token 71230001 is assigned; unassign it first."), "req-2");

    expect(mapped).toEqual({ status: 409, body: { code: "tokenAssigned", message: "Token 71230001 is assigned; unassign it first." }, isFault: false });
  });

  it("hides the message of an unexpected error", () => {
    const mapped = mapError(new Error("secretKey=BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA at /work/x.ts:10"), "req-3");

    expect(mapped.status).toBe(500);
    expect(mapped.body.code).toBe("internalError");
    expect(mapped.body.message).not.toContain("BZIMRX");
    expect(mapped.body.message).toContain("req-3");
    expect(mapped.isFault).toBe(true);
  });
});

describe("callerFromClaims", () => {
  const base = { tid: "t", oid: "o", preferred_username: "ada@northwind.example" };
  const options = { tenantId: "t", authorityHost: "https://login.microsoftonline.com", audience: "api://x", adminGroupId: "admins" };

  it.each([
    { name: "the admin app role", claims: { ...base, roles: ["TokenInventory.Admin"] }, isAdmin: true },
    { name: "the admin group", claims: { ...base, groups: ["others", "admins"] }, isAdmin: true },
    { name: "only the helpdesk role", claims: { ...base, roles: ["TokenInventory.Helpdesk"] }, isAdmin: false },
    { name: "another group", claims: { ...base, groups: ["others"] }, isAdmin: false },
    { name: "no roles or groups", claims: base, isAdmin: false },
  ])("decides admin rights from $name", ({ claims, isAdmin }) => {
    expect(callerFromClaims(claims, options).isAdmin).toBe(isAdmin);
  });

  it("uses upn for v1 tokens", () => {
    const caller = callerFromClaims({ tid: "t", oid: "o", upn: "bruno@northwind.example" }, options);

    expect(caller.userPrincipalName).toBe("bruno@northwind.example");
  });
});
