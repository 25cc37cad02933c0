import path from "node:path";
import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appToken, deviceBody, graph, inventoryPath, methodsPath, newDataDir, sampleUsers, startTestTenant, totpCode } from "./helpers.js";

describe("sandbox tenant persistence", () => {
  it("keeps app, devices and last accepted step across restart", async () => {
    const dataDir = newDataDir();
    const seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const first = await startTestTenant({ dataDir, knobs: { driftWindowSteps: 1 } });
    const token = await appToken(first);
    const created = await graph(first, token, "POST", inventoryPath, deviceBody("P-1", { secretKey: seed }));
    const methods = methodsPath(sampleUsers.ada.id);
    await graph(first, token, "POST", methods, { device: { id: created.body.id } });
    const code = totpCode(seed);
    await graph(first, token, "POST", `${methods}/${created.body.id}/activate`, { verificationCode: code });
    await graph(first, token, "DELETE", `${methods}/${created.body.id}`);
    await first.close();

    const second = await startTestTenant({ dataDir, knobs: { driftWindowSteps: 1 } });
    try {
      expect(second.tenantId).toBe(first.tenantId);
      expect(second.clientId).toBe(first.clientId);
      expect(second.clientSecret).toBe(first.clientSecret);
      const secondToken = await appToken(second);
      const device = await graph(second, secondToken, "GET", `${inventoryPath}/${created.body.id}`);
      expect(device.body).toMatchObject({ serialNumber: "P-1", status: "available" });

      await graph(second, secondToken, "POST", methods, { device: { id: created.body.id } });
      const replay = await graph(second, secondToken, "POST", `${methods}/${created.body.id}/activate`, { verificationCode: code });
      expect(replay.status).toBe(400);
    } finally {
      await second.close();
    }
  });

  it("writes state and keys readable by the owner only", async () => {
    const dataDir = newDataDir();
    const tenant = await startTestTenant({ dataDir });
    const token = await appToken(tenant);
    await graph(tenant, token, "POST", inventoryPath, deviceBody("P-2"));
    await tenant.close();

    for (const file of ["state.json", "app.json", "signing-key.pem"]) {
      expect(statSync(path.join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
    const state = JSON.parse(readFileSync(path.join(dataDir, "state.json"), "utf8"));
    expect(state.devices.map((device: { serialNumber: string }) => device.serialNumber)).toEqual(["P-2"]);
  });

  it("accepts tokens issued before a restart", async () => {
    const dataDir = newDataDir();
    const first = await startTestTenant({ dataDir });
    const token = await appToken(first);
    await first.close();

    const second = await startTestTenant({ dataDir });
    try {
      const response = await graph(second, token, "GET", inventoryPath);
      expect(response.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
