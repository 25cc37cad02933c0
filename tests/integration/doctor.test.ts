import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../inventory/config.js";
import type { TestTenant } from "../graph/support/sandbox.js";
import { startConfiguredTenant, type ConfiguredTenant } from "./support/configuredTenant.js";

const cli = path.join(projectRoot, "bin", "token-inventory.mjs");

interface Finding {
  area: string;
  ok: boolean;
  message: string;
  fix?: string;
}

function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number | null; findings: Finding[]; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "doctor", "--json"], { cwd: projectRoot, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, findings: (JSON.parse(stdout) as { findings: Finding[] }).findings, output: stdout + stderr }));
  });
}

describe("doctor against the sandbox tenant configured as a real one", () => {
  let configured: ConfiguredTenant;
  let tenant: TestTenant;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    configured = await startConfiguredTenant("doctor");
    ({ tenant } = configured);
    env = { ...configured.env, ADMIN_GROUP_ID: "6a7c1f00-0000-4000-8000-00000000a001" };
  });
  afterAll(() => configured.stop());

  it("reports every permission granted with a correct setup", async () => {
    const result = await doctor(env);

    const permissions = result.findings.filter((finding) => finding.area === "permissions");
    expect(permissions.map((finding) => finding.ok)).toEqual([true, true, true]);
    expect(result.findings.find((finding) => finding.area === "credential")?.ok).toBe(true);
    expect(result.findings.find((finding) => finding.area === "storage")?.ok).toBe(true);
  });

  it("names a missing Graph permission and how to grant it", async () => {
    tenant.tenant.knobs.grantedRoles = ["Policy.ReadWrite.AuthenticationMethod", "User.Read.All"];
    try {
      const result = await doctor(env);

      expect(result.code).toBe(1);
      const missing = result.findings.find((finding) => finding.area === "permissions" && !finding.ok);
      expect(missing?.message).toContain("UserAuthenticationMethod.ReadWrite.All");
      expect(missing?.fix).toContain("Grant admin consent");
    } finally {
      tenant.tenant.knobs.grantedRoles = ["Policy.ReadWrite.AuthenticationMethod", "UserAuthenticationMethod.ReadWrite.All", "User.Read.All"];
    }
  });

  it("reports a wrong client secret without printing it", async () => {
    const wrongSecret = "wrong-" + randomBytes(12).toString("hex");

    const result = await doctor({ ...env, AZURE_CLIENT_SECRET: wrongSecret });

    expect(result.code).toBe(1);
    const credential = result.findings.find((finding) => finding.area === "credential");
    expect(credential?.ok).toBe(false);
    expect(credential?.fix).toContain("AZURE_CLIENT_SECRET");
    expect(result.output).not.toContain(wrongSecret);
  });

  it("reports storage that does not answer", async () => {
    const closedPort = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1";

    const result = await doctor({ ...env, TABLES_CONNECTION_STRING: closedPort });

    expect(result.code).toBe(1);
    const storage = result.findings.find((finding) => finding.area === "storage");
    expect(storage?.ok).toBe(false);
    expect(storage?.fix).toContain("TABLES_CONNECTION_STRING");
    expect(result.output).not.toContain("Eby8vdM02");
  });

  it("names the variables a half-configured tenant lacks", async () => {
    const { AZURE_CLIENT_SECRET: _secret, TOKEN_SECRET_KEY: _key, ...partial } = env;

    const result = await doctor(partial);

    expect(result.code).toBe(1);
    expect(result.findings[0]?.message).toContain("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH");
    expect(result.findings[0]?.message).toContain("TOKEN_SECRET_KEY");
  });
});
