import os from "node:os";
import path from "node:path";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, users, type TestTenant } from "./support/sandbox.js";

let sandbox: TestTenant;
let certificateDir: string;
let certificatePath: string;

beforeAll(async () => {
  sandbox = await startTestTenant();
  certificateDir = await mkdtemp(path.join(os.tmpdir(), "graph-certificate-test-"));

  const pems = await generate([{ name: "commonName", value: "token-inventory-test-app" }], { keySize: 2048, algorithm: "sha256" });
  certificatePath = path.join(certificateDir, "app.pem");
  await writeFile(certificatePath, `${pems.cert}\n${pems.private}`, { mode: 0o600 });
  await sandbox.tenant.addClientCertificate(pems.cert);
});

afterAll(async () => {
  await sandbox?.stop();
  if (certificateDir) await rm(certificateDir, { recursive: true, force: true });
});

describe("certificate credential", () => {
  it("gets a token with AZURE_CLIENT_CERTIFICATE_PATH instead of a secret", async () => {
    const graph = sandbox.gateway({ clientSecret: undefined, clientCertificatePath: certificatePath });

    expect(await graph.grantedPermissions()).toContain("User.Read.All");
    expect((await graph.getUser(users.ada.id))?.userPrincipalName).toBe(users.ada.upn);
  });

  it("names the certificate setting when the certificate is not registered", async () => {
    const stranger = await generate([{ name: "commonName", value: "unregistered" }], { keySize: 2048, algorithm: "sha256" });
    const strangerPath = path.join(certificateDir, "stranger.pem");
    await writeFile(strangerPath, `${stranger.cert}\n${stranger.private}`, { mode: 0o600 });
    const graph = sandbox.gateway({ clientSecret: undefined, clientCertificatePath: strangerPath });

    const lookup = graph.getUser(users.ada.id);

    await expect(lookup).rejects.toMatchObject({ code: "authenticationFailed" });
    await expect(lookup).rejects.toThrow(/AZURE_CLIENT_CERTIFICATE_PATH/);
  });
});
