import { generateKeyPair, SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTabStack, users, type TabStack } from "./support/tabStack.js";

let stack: TabStack;

beforeAll(async () => {
  stack = await startTabStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe("tab API token validation", () => {
  it("accepts an admin token signed by the tenant", async () => {
    const token = await stack.signIn(users.ada.upn);

    const result = await stack.request("GET", "/api/tokens", { token });

    expect(result.status).toBe(200);
    expect(result.json.items).toEqual([]);
  });

  const rejected: { name: string; overrides: () => Record<string, unknown> }[] = [
    { name: "wrong issuer", overrides: () => ({ issuer: "https://login.microsoftonline.com/11111111-1111-4111-8111-111111111111/v2.0" }) },
    { name: "wrong audience", overrides: () => ({ audience: "api://someone-else/app" }) },
    { name: "wrong tenant with a matching issuer", overrides: () => ({ tenantId: "22222222-2222-4222-8222-222222222222", issuer: `${stack.tenant.url}/${stack.tenant.tenantId}/v2.0` }) },
    { name: "wrong tenant", overrides: () => ({ tenantId: "22222222-2222-4222-8222-222222222222" }) },
    { name: "expired", overrides: () => ({ expiresInSeconds: -300 }) },
    { name: "unsigned", overrides: () => ({ unsigned: true }) },
  ];

  it.each(rejected)("rejects a token with $name with 401", async ({ overrides }) => {
    const token = await stack.signIn(users.ada.upn, overrides());

    const result = await stack.request("GET", "/api/tokens", { token });

    expect(result.status).toBe(401);
    expect(result.json.code).toBe("unauthenticated");
    expect(result.text).not.toContain(token);
  });

  it("rejects a token signed with another key under the tenant's key id", async () => {
    const genuine = await stack.signIn(users.ada.upn);
    const header = JSON.parse(Buffer.from(genuine.split(".")[0]!, "base64url").toString("utf8")) as { kid: string };
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: "RS256", kid: header.kid }).sign(privateKey);

    const result = await stack.request("GET", "/api/tokens", { token: forged });

    expect(result.status).toBe(401);
    expect(result.json.message).toMatch(/signature/);
  });

  it("rejects an HS256 token signed with a shared secret", async () => {
    const claims = decodeJwt(await stack.signIn(users.ada.upn));
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(32)));

    const result = await stack.request("GET", "/api/tokens", { token: forged });

    expect(result.status).toBe(401);
    expect(result.json.message).toMatch(/RS256/);
  });

  it.each<{ name: string; headers: Record<string, string> }>([
    { name: "no Authorization header", headers: {} },
    { name: "a Basic scheme", headers: { authorization: "Basic YWRhOnNlY3JldA==" } },
    { name: "a bearer value that is no JWT", headers: { authorization: "Bearer not-a-token" } },
  ])("returns 401 for $name", async ({ headers }) => {
    const result = await stack.request("GET", "/api/tokens", { headers });

    expect(result.status).toBe(401);
    expect(result.json.code).toBe("unauthenticated");
  });

  it("returns 403 naming the admin role for a helpdesk user", async () => {
    const token = await stack.signIn(users.bruno.upn);

    const result = await stack.request("GET", "/api/tokens", { token });

    expect(result.status).toBe(403);
    expect(result.json.code).toBe("forbidden");
    expect(result.json.message).toContain("TokenInventory.Admin");
  });

  it("returns 403 when the admin's token lacks the role", async () => {
    const token = await stack.signIn(users.ada.upn, { roles: [] });

    const result = await stack.request("GET", "/api/status", { token });

    expect(result.status).toBe(403);
  });

  it("protects every admin route", async () => {
    const routes = [
      ["GET", "/api/tokens"],
      ["GET", "/api/users?search=a"],
      ["GET", "/api/audit"],
      ["GET", "/api/audit.csv"],
      ["GET", "/api/status"],
      ["GET", "/api/imports"],
      ["POST", "/api/imports?fileName=a.csv"],
      ["POST", "/api/tokens/1100000004256/assign"],
      ["POST", "/api/tokens/1100000004256/activate"],
      ["POST", "/api/tokens/1100000004256/unassign"],
      ["DELETE", "/api/tokens/1100000004256"],
    ] as const;

    for (const [method, path] of routes) {
      const result = await stack.request(method, path);
      expect({ method, path, status: result.status }).toEqual({ method, path, status: 401 });
    }
  });
});

describe("tab API session and sandbox sign-in", () => {
  it("tells sandbox mode without a token", async () => {
    const result = await stack.request("GET", "/api/session");

    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ sandbox: true, tenantId: stack.tenant.tenantId, adminRole: "TokenInventory.Admin" });
    expect(result.json.user).toBeUndefined();
  });

  it("names the signed-in user and whether they are an admin", async () => {
    const token = await stack.signIn(users.bruno.upn);

    const result = await stack.request("GET", "/api/session", { token });

    expect(result.json.user).toMatchObject({ id: users.bruno.id, userPrincipalName: users.bruno.upn, isAdmin: false });
  });

  it("signs in a sandbox user through the server", async () => {
    const signIn = await stack.request("POST", "/api/sandbox/signin", { json: { userPrincipalName: users.ada.upn } });
    expect(signIn.status).toBe(200);

    const session = await stack.request("GET", "/api/session", { token: signIn.json.accessToken });

    expect(session.json.user).toMatchObject({ userPrincipalName: users.ada.upn, isAdmin: true });
  });

  it("returns 404 for a user outside the sandbox directory", async () => {
    const result = await stack.request("POST", "/api/sandbox/signin", { json: { userPrincipalName: "nobody@northwind.example" } });

    expect(result.status).toBe(404);
    expect(result.json.code).toBe("userNotFound");
  });

  it("returns 400 for a sign-in without a user principal name", async () => {
    const result = await stack.request("POST", "/api/sandbox/signin", { json: { user: "ada" } });

    expect(result.status).toBe(400);
    expect(result.json.code).toBe("invalidRequest");
  });
});
