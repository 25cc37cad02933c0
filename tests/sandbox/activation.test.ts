import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { appToken, deviceBody, graph, inventoryPath, methodsPath, sampleUsers, startTestTenant, totpCode } from "./helpers.js";

const seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** Finds a 6-digit code that matches no step within `window` steps of now for `seed`. */
function wrongCode(secret: string, window: number, options: { period?: number; hash?: "sha1" | "sha256" } = {}): string {
  const period = options.period ?? 30;
  const nearby = new Set<string>();
  for (let step = -window - 1; step <= window + 1; step++) nearby.add(totpCode(secret, { ...options, epochMs: Date.now() + step * period * 1000 }));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!nearby.has(code)) return code;
  }
}

describe("sandbox hardware OATH activation", () => {
  let tenant: SandboxTenant;
  let token: string;
  let serial = 5000;

  async function createDevice(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await graph(tenant, token, "POST", inventoryPath, deviceBody(`A-${serial++}`, { secretKey: seed, ...overrides }));
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function deviceStatus(deviceId: string): Promise<string> {
    const response = await graph(tenant, token, "GET", `${inventoryPath}/${deviceId}`);
    return response.body.status;
  }

  beforeAll(async () => {
    tenant = await startTestTenant({ knobs: { driftWindowSteps: 2 } });
    token = await appToken(tenant);
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("walks a device through assign, activate, unassign and delete", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.id);

    const assign = await graph(tenant, token, "POST", methods, { device: { id: deviceId } });
    expect(assign.status).toBe(201);
    expect(assign.body.id).toBe(deviceId);
    expect(await deviceStatus(deviceId)).toBe("assigned");

    const listed = await graph(tenant, token, "GET", methods);
    expect(listed.body.value.map((method: { id: string }) => method.id)).toContain(deviceId);

    const activate = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: totpCode(seed), displayName: "Ada's token" });
    expect(activate.status).toBe(204);
    const activated = await graph(tenant, token, "GET", `${inventoryPath}/${deviceId}`);
    expect(activated.body).toMatchObject({ status: "activated", displayName: "Ada's token" });
    expect(activated.body.lastUsedDateTime).not.toBeNull();

    const deleteActive = await graph(tenant, token, "DELETE", `${inventoryPath}/${deviceId}`);
    expect(deleteActive.status).toBe(400);

    const unassign = await graph(tenant, token, "DELETE", `${methods}/${deviceId}`);
    expect(unassign.status).toBe(204);
    expect(await deviceStatus(deviceId)).toBe("available");

    const remove = await graph(tenant, token, "DELETE", `${inventoryPath}/${deviceId}`);
    expect(remove.status).toBe(204);
  });

  it("marks a wrong code failedActivation and accepts a valid one after", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.id);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

    const wrong = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: wrongCode(seed, 2) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "badRequest", message: "The verification code is invalid." });
    expect(await deviceStatus(deviceId)).toBe("failedActivation");

    const valid = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: totpCode(seed) });
    expect(valid.status).toBe(204);
    expect(await deviceStatus(deviceId)).toBe("activated");
  });

  it("rejects a code sent as a JSON number", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.id);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

    const response = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, `{"verificationCode":${Number(totpCode(seed))}}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe("The verification code is invalid.");
  });

  it("never accepts the same code twice", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.bruno.id);
    const code = totpCode(seed);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });
    await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: code });
    await graph(tenant, token, "DELETE", `${methods}/${deviceId}`);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

    const replay = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: code });
    expect(replay.status).toBe(400);
  });

  it("uses the device's own hash and interval", async () => {
    const deviceId = await createDevice({ hashFunction: "hmacsha256", timeIntervalInSeconds: 60 });
    const methods = methodsPath(sampleUsers.bruno.id);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

    const sha1Code = totpCode(seed, { period: 60, hash: "sha1" });
    const sha256Code = totpCode(seed, { period: 60, hash: "sha256" });
    expect(sha1Code).not.toBe(sha256Code);
    const withSha1 = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: sha1Code });
    expect(withSha1.status).toBe(400);
    const withSha256 = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: sha256Code });
    expect(withSha256.status).toBe(204);
  });

  it("accepts a code inside the drift window and rejects one outside", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.bruno.id);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

    const farCode = totpCode(seed, { epochMs: Date.now() - 3600_000 });
    const outside = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: farCode });
    expect(outside.status).toBe(400);

    tenant.knobs.driftWindowSteps = null;
    const inside = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: farCode });
    tenant.knobs.driftWindowSteps = 2;
    expect(inside.status).toBe(204);
  });

  it("answers 404 to activate within the replication delay", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.id);
    tenant.knobs.replicationDelayMs = 400;
    try {
      await graph(tenant, token, "POST", methods, { device: { id: deviceId } });

      const early = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: totpCode(seed) });
      expect(early.status).toBe(404);
      expect(await deviceStatus(deviceId)).toBe("assigned");

      await new Promise((resolve) => setTimeout(resolve, 450));
      const later = await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: totpCode(seed) });
      expect(later.status).toBe(204);
    } finally {
      tenant.knobs.replicationDelayMs = 0;
    }
  });

  it("rejects assigning a device that is not available", async () => {
    const deviceId = await createDevice();
    await graph(tenant, token, "POST", methodsPath(sampleUsers.ada.id), { device: { id: deviceId } });

    const second = await graph(tenant, token, "POST", methodsPath(sampleUsers.bruno.id), { device: { id: deviceId } });
    expect(second.status).toBe(400);
    tenant.knobs.alreadyAssignedStatus = 409;
    const third = await graph(tenant, token, "POST", methodsPath(sampleUsers.bruno.id), { device: { id: deviceId } });
    tenant.knobs.alreadyAssignedStatus = 400;
    expect(third.status).toBe(409);
  });

  it("rejects assigning to a guest found by %23-encoded UPN", async () => {
    const deviceId = await createDevice();
    const encodedPath = methodsPath(sampleUsers.guest.upn);
    expect(encodedPath).toContain("%23EXT%23");

    const listed = await graph(tenant, token, "GET", encodedPath);
    expect(listed.status).toBe(200);
    const assign = await graph(tenant, token, "POST", encodedPath, { device: { id: deviceId } });
    expect(assign.status).toBe(400);
    expect(assign.body.error.message).toMatch(/Guest users cannot be assigned hardware OATH tokens/);
    expect(await deviceStatus(deviceId)).toBe("available");
  });

  it("does not find a guest UPN cut at the raw #", async () => {
    const response = await graph(tenant, token, "GET", `/beta/users/${sampleUsers.guest.upn}`);

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("rejects assigning to a disabled or unknown user", async () => {
    const deviceId = await createDevice();

    const disabled = await graph(tenant, token, "POST", methodsPath(sampleUsers.disabled.upn), { device: { id: deviceId } });
    expect(disabled.status).toBe(400);
    const unknown = await graph(tenant, token, "POST", methodsPath("nobody@northwind.example"), { device: { id: deviceId } });
    expect(unknown.status).toBe(404);
  });

  it("assigns and activates in one call, by id and by serial", async () => {
    const byId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.upn);

    const first = await graph(tenant, token, "POST", `${methods}/assignAndActivate`, { device: { id: byId }, verificationCode: totpCode(seed) });
    expect(first.status).toBe(204);
    expect(await deviceStatus(byId)).toBe("activated");

    const serialNumber = `A-${serial}`;
    const bySerial = await createDevice();
    const second = await graph(tenant, token, "POST", `${methods}/assignAndActivateBySerialNumber`, { serialNumber, verificationCode: totpCode(seed) });
    expect(second.status).toBe(204);
    expect(await deviceStatus(bySerial)).toBe("activated");
  });

  it("unassigns from any state back to available", async () => {
    const deviceId = await createDevice();
    const methods = methodsPath(sampleUsers.ada.id);
    await graph(tenant, token, "POST", methods, { device: { id: deviceId } });
    await graph(tenant, token, "POST", `${methods}/${deviceId}/activate`, { verificationCode: wrongCode(seed, 2) });
    expect(await deviceStatus(deviceId)).toBe("failedActivation");

    const unassign = await graph(tenant, token, "DELETE", `${methods}/${deviceId}`);
    expect(unassign.status).toBe(204);
    const device = await graph(tenant, token, "GET", `${inventoryPath}/${deviceId}`);
    expect(device.body).toMatchObject({ status: "available", assignedTo: null });
  });
});
