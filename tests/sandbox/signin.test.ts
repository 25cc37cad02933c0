import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { sampleUsers, startTestTenant } from "./helpers.js";

const tabAudience = "api://127.0.0.1/00000000-1111-4222-8333-444444444444";

describe("sandbox user sign-in tokens", () => {
  let tenant: SandboxTenant;
  let verify: (token: string) => ReturnType<typeof jwtVerify>;

  async function signIn(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${tenant.url}/_sandbox/signin`, { method: "POST", body: JSON.stringify(body) });
  }

  async function tokenFor(overrides?: Record<string, unknown>, userPrincipalName = sampleUsers.ada.upn): Promise<string> {
    const response = await signIn({ userPrincipalName, audience: tabAudience, overrides });
    expect(response.status).toBe(200);
    return (await response.json()).accessToken;
  }

  beforeAll(async () => {
    tenant = await startTestTenant();
    const metadata = await (await fetch(`${tenant.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`)).json();
    const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
    verify = (token) => jwtVerify(token, jwks, { issuer: metadata.issuer, audience: tabAudience, algorithms: ["RS256"] });
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("issues a token that verifies against the JWKS", async () => {
    const { payload } = await verify(await tokenFor());

    expect(payload).toMatchObject({
      tid: tenant.tenantId,
      oid: sampleUsers.ada.id,
      preferred_username: sampleUsers.ada.upn,
      name: "Ada Alvarez",
      roles: ["TokenInventory.Admin"],
      ver: "2.0",
    });
  });

  it("leaves roles out for a user without app roles", async () => {
    const { payload } = await verify(await tokenFor(undefined, "chloe.alvarez@northwind.example"));

    expect(payload.roles).toBeUndefined();
  });

  it("replaces roles with the roles override", async () => {
    const { payload } = await verify(await tokenFor({ roles: ["TokenInventory.Helpdesk"] }));

    expect(payload.roles).toEqual(["TokenInventory.Helpdesk"]);
  });

  it.each([
    ["wrong issuer", { issuer: "https://login.example/evil/v2.0" }, errors.JWTClaimValidationFailed],
    ["wrong audience", { audience: "api://someone-else" }, errors.JWTClaimValidationFailed],
    ["wrong tenant", { tenantId: "99999999-9999-4999-8999-999999999999" }, errors.JWTClaimValidationFailed],
    ["expired", { expiresInSeconds: -60 }, errors.JWTExpired],
  ])("makes a %s token that verification rejects", async (_name, overrides, errorType) => {
    await expect(verify(await tokenFor(overrides))).rejects.toBeInstanceOf(errorType);
  });

  it("makes an unsigned token on request", async () => {
    const token = await tokenFor({ unsigned: true });

    expect(decodeProtectedHeader(token).alg).toBe("none");
    expect(decodeJwt(token).oid).toBe(sampleUsers.ada.id);
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JOSEError);
  });

  it("answers 404 for an unknown user", async () => {
    const response = await signIn({ userPrincipalName: "nobody@northwind.example", audience: tabAudience });

    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("Request_ResourceNotFound");
  });
});
