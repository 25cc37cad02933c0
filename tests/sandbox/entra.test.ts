import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { appToken, graph, inventoryPath, newDataDir, startTestTenant } from "./helpers.js";

describe("sandbox Entra token endpoint", () => {
  let tenant: SandboxTenant;

  beforeAll(async () => {
    tenant = await startTestTenant();
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("issues a Graph token to ClientSecretCredential", async () => {
    const token = await appToken(tenant);

    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/${tenant.tenantId}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(token, jwks, { audience: "https://graph.microsoft.com", issuer: `https://sts.windows.net/${tenant.tenantId}/` });
    expect(payload.tid).toBe(tenant.tenantId);
    expect(payload.appid).toBe(tenant.clientId);
    expect(payload.roles).toEqual(["Policy.ReadWrite.AuthenticationMethod", "UserAuthenticationMethod.ReadWrite.All", "User.Read.All"]);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it("rejects a wrong client secret", async () => {
    await expect(appToken(tenant, "not-the-secret")).rejects.toThrow(/AADSTS7000215/);
  });

  it("rejects an unknown client id", async () => {
    const credential = new ClientSecretCredential(tenant.tenantId, "11111111-2222-4333-8444-555555555555", tenant.clientSecret, {
      authorityHost: tenant.url,
      disableInstanceDiscovery: true,
    });

    await expect(credential.getToken("https://graph.microsoft.com/.default")).rejects.toThrow(/AADSTS700016/);
  });

  it("rejects an expired client secret", async () => {
    tenant.knobs.clientSecretValid = false;
    try {
      await expect(appToken(tenant)).rejects.toThrow(/AADSTS7000222/);
    } finally {
      tenant.knobs.clientSecretValid = true;
    }
  });

  it("answers Entra errors for bad token requests", async () => {
    const endpoint = `${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`;
    const cases: { form: Record<string, string>; status: number; error: string; code: number }[] = [
      { form: { client_id: tenant.clientId, client_secret: tenant.clientSecret, scope: "https://graph.microsoft.com/.default" }, status: 400, error: "invalid_request", code: 900144 },
      { form: { grant_type: "password", client_id: tenant.clientId }, status: 400, error: "unsupported_grant_type", code: 70003 },
      { form: { grant_type: "client_credentials", client_id: tenant.clientId, client_secret: tenant.clientSecret, scope: "User.Read" }, status: 400, error: "invalid_scope", code: 1002012 },
      { form: { grant_type: "client_credentials", client_id: tenant.clientId, scope: "https://graph.microsoft.com/.default" }, status: 401, error: "invalid_client", code: 7000218 },
    ];

    for (const testCase of cases) {
      const response = await fetch(endpoint, { method: "POST", body: new URLSearchParams(testCase.form) });
      const body = await response.json();
      expect(response.status, JSON.stringify(testCase.form)).toBe(testCase.status);
      expect(body.error).toBe(testCase.error);
      expect(body.error_codes).toEqual([testCase.code]);
      expect(body.error_description).toMatch(new RegExp(`^AADSTS${testCase.code}: `));
    }
  });

  it("answers 400 AADSTS90002 for another tenant", async () => {
    const response = await fetch(`${tenant.url}/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body.error_codes).toEqual([90002]);
  });

  it("serves OpenID metadata that points at itself", async () => {
    const response = await fetch(`${tenant.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`);
    const metadata = await response.json();

    expect(response.status).toBe(200);
    expect(metadata.issuer).toBe(`${tenant.url}/${tenant.tenantId}/v2.0`);
    expect(metadata.token_endpoint).toBe(`${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`);
    expect(metadata.jwks_uri).toBe(`${tenant.url}/${tenant.tenantId}/discovery/v2.0/keys`);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("issues a token to ClientCertificateCredential with a registered certificate", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const certificate = await generate([{ name: "commonName", value: "token-inventory-client" }], {
      algorithm: "sha256",
      keyPair: { privateKey: privatePem, publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() },
    });
    const certificateDir = newDataDir();
    mkdirSync(certificateDir, { recursive: true });
    const pemPath = path.join(certificateDir, "client.pem");
    writeFileSync(pemPath, `${privatePem}\n${certificate.cert}`, { mode: 0o600 });

    const options = { authorityHost: tenant.url, disableInstanceDiscovery: true };
    const unregistered = new ClientCertificateCredential(tenant.tenantId, tenant.clientId, pemPath, options);
    await expect(unregistered.getToken("https://graph.microsoft.com/.default")).rejects.toThrow(/AADSTS700027/);

    await tenant.addClientCertificate(certificate.cert);
    const registered = new ClientCertificateCredential(tenant.tenantId, tenant.clientId, pemPath, options);
    const token = await registered.getToken("https://graph.microsoft.com/.default");
    expect(decodeJwt(token.token).appidacr).toBe("2");
  });
});

describe("sandbox Graph authorization", () => {
  let tenant: SandboxTenant;

  beforeAll(async () => {
    tenant = await startTestTenant();
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("answers 401 without a bearer token", async () => {
    const response = await graph(tenant, undefined, "GET", inventoryPath);

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("InvalidAuthenticationToken");
    expect(response.body.error.innerError["request-id"]).toBe(response.headers.get("request-id"));
  });

  it("answers 401 for a token with a changed signature", async () => {
    const token = await appToken(tenant);
    const tampered = `${token.slice(0, -6)}AAAAAA`;

    const response = await graph(tenant, tampered, "GET", inventoryPath);
    expect(response.status).toBe(401);
  });

  it("answers 401 for a sign-in token of a user", async () => {
    const { accessToken } = await tenant.signIn({ userPrincipalName: "ada.alvarez@northwind.example", audience: "https://graph.microsoft.com" });

    const response = await graph(tenant, accessToken, "GET", inventoryPath);
    expect(response.status).toBe(401);
  });

  it("answers 403 when the token lacks the route's role", async () => {
    tenant.knobs.grantedRoles = ["User.Read.All"];
    const token = await appToken(tenant);
    tenant.knobs.grantedRoles = ["Policy.ReadWrite.AuthenticationMethod", "UserAuthenticationMethod.ReadWrite.All", "User.Read.All"];

    const cases = [
      { method: "GET", path: inventoryPath },
      { method: "GET", path: "/beta/users/ada.alvarez%40northwind.example/authentication/hardwareOathMethods" },
    ];
    for (const testCase of cases) {
      const response = await graph(tenant, token, testCase.method, testCase.path);
      expect(response.status, testCase.path).toBe(403);
      expect(response.body.error.code).toBe("Authorization_RequestDenied");
      expect(response.body.error.message).toBe("Insufficient privileges to complete the operation.");
    }
    const users = await graph(tenant, token, "GET", "/v1.0/users");
    expect(users.status).toBe(200);
  });

  it("echoes client-request-id", async () => {
    const token = await appToken(tenant);

    const response = await graph(tenant, token, "GET", "/v1.0/users?$top=1", undefined, { "client-request-id": "abc-123" });
    expect(response.headers.get("client-request-id")).toBe("abc-123");
  });
});
