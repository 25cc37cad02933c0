import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHost, type RunningHost } from "../../bot/index.js";
import { loadConfig } from "../../inventory/config.js";
import { createLogger } from "../../inventory/logger.js";
import { startLocalStack } from "../../sandbox/localStack.js";
import { startTestTenant, type TestTenant } from "../graph/support/sandbox.js";
import { testConnectionString } from "../storage/openStores.js";
import { startTestHost } from "../browser/support/host.js";

describe("host in sandbox mode", () => {
  let host: RunningHost & { dataDir: string };

  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(() => host.close());

  it("answers a path with a NUL byte with 400 and keeps running", async () => {
    const response = await fetch(`${host.url}/index.html%00.json`);

    expect(response.status).toBe(400);
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it("answers a missing file with 404 without file system paths", async () => {
    const response = await fetch(`${host.url}/no-such-file.js`);
    const body = await response.text();

    expect(response.status).toBe(404);
    expect(body).not.toContain(host.dataDir);
    expect(body).not.toContain("dist");
  });

  it("serves the bot endpoint", async () => {
    const response = await fetch(`${host.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

    expect(response.status).not.toBe(404);
  });

  it("refuses a second start on the same data folder", async () => {
    const config = loadConfig({ DATA_DIR: host.dataDir, PORT: "0", SANDBOX_PORT: "0", AZURITE_TABLE_PORT: "0" });

    await expect(startHost(config, createLogger("second-host"), { port: 0 })).rejects.toMatchObject({ code: "localStackBusy" });
  });
});

describe("host beside a configured tenant", () => {
  let tenant: TestTenant;
  let host: RunningHost;
  let dataDir: string;

  beforeAll(async () => {
    tenant = await startTestTenant();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "host-tenant-"));
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: "0",
      AZURE_TENANT_ID: tenant.tenant.tenantId,
      AZURE_CLIENT_ID: tenant.tenant.clientId,
      AZURE_CLIENT_SECRET: tenant.tenant.clientSecret,
      AZURE_AUTHORITY_HOST: tenant.tenant.url,
      GRAPH_BASE_URL: tenant.tenant.url,
      TOKEN_SECRET_KEY: randomBytes(32).toString("base64"),
      TABLES_CONNECTION_STRING: testConnectionString(),
    });
    host = await startHost(config, createLogger("tenant-host"), { port: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await tenant.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("does not serve the bot without BOT_ID", async () => {
    const response = await fetch(`${host.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });

    expect(response.status).not.toBe(200);
    expect(response.status).not.toBe(202);
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });
});

describe("local stack ports", () => {
  it("refuses an Azurite port that another process holds", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "ports-"));

    try {
      const config = loadConfig({ DATA_DIR: dataDir, SANDBOX_PORT: "0", AZURITE_TABLE_PORT: String(port) });
      await expect(startLocalStack(config, createLogger("ports"), { owner: "cli" })).rejects.toThrow(`Port ${port} on 127.0.0.1 (AZURITE_TABLE_PORT) is already in use`);
    } finally {
      holder.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
