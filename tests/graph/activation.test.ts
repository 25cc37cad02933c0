import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GraphClientGateway } from "../../inventory/graph/GraphClientGateway.js";
import { deviceParams, recordFetch, startTestTenant, users, type TestTenant } from "./support/sandbox.js";
import { codeOutsideWindow, findLeadingZeroCode, totpCode } from "./support/totp.js";

const secretKey = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

let sandbox: TestTenant;
let graph: GraphClientGateway;

beforeAll(async () => {
  sandbox = await startTestTenant();
  graph = sandbox.gateway();
});

afterAll(async () => {
  await sandbox?.stop();
});

afterEach(() => {
  sandbox.tenant.knobs.driftWindowSteps = null;
  sandbox.tenant.knobs.alreadyAssignedStatus = 400;
});

function currentCode(): string {
  return totpCode(secretKey, Date.now() / 1000);
}

describe("GraphClientGateway assignment and activation", () => {
  it("assigns and activates a device with a valid code", async () => {
    const device = await graph.createDevice(deviceParams("61000001"));

    await graph.assignDevice(users.ada.id, device.id);
    expect((await graph.getDevice(device.id))?.status).toBe("assigned");

    await graph.activateDevice(users.ada.id, device.id, currentCode());

    const activated = await graph.getDevice(device.id);
    expect(activated?.status).toBe("activated");
    expect(activated?.assignedTo?.id).toBe(users.ada.id);
    expect((await graph.listUserDevices(users.ada.id)).map((held) => held.id)).toContain(device.id);
  });

  it("reports a wrong code as invalidVerificationCode, and a later valid code still activates", async () => {
    sandbox.tenant.knobs.driftWindowSteps = 2;
    const device = await graph.createDevice(deviceParams("61000002"));
    await graph.assignDevice(users.bruno.id, device.id);

    const wrong = graph.activateDevice(users.bruno.id, device.id, codeOutsideWindow(secretKey, 2));

    await expect(wrong).rejects.toMatchObject({ code: "invalidVerificationCode", httpStatus: 400 });
    expect((await graph.getDevice(device.id))?.status).toBe("failedActivation");

    await graph.activateDevice(users.bruno.id, device.id, currentCode());
    expect((await graph.getDevice(device.id))?.status).toBe("activated");
  });

  it("sends a code with a leading zero as a JSON string", async () => {
    const { code } = findLeadingZeroCode(secretKey);
    const device = await graph.createDevice(deviceParams("61000003"));
    await graph.assignDevice(users.chloe.id, device.id);
    const recorder = recordFetch();

    try {
      await graph.activateDevice(users.chloe.id, device.id, code);
    } finally {
      recorder.restore();
    }

    const activation = recorder.requests.find((request) => request.url.endsWith("/activate"));
    expect(activation?.body).toBe(JSON.stringify({ verificationCode: code }));
    const sent = JSON.parse(activation!.body!) as { verificationCode: unknown };
    expect(typeof sent.verificationCode).toBe("string");
    expect(sent.verificationCode).toMatch(/^0\d{5}$/);
    expect((await graph.getDevice(device.id))?.status).toBe("activated");
  });

  it.each(["12345", "1234567", "12a456", ""])("rejects the malformed code %j without a request", async (malformed) => {
    const before = graph.stats().requests;

    await expect(graph.activateDevice(users.ada.id, "some-device", malformed)).rejects.toMatchObject({ code: "invalidVerificationCode" });
    expect(graph.stats().requests).toBe(before);
  });

  it("reports an assignment to a guest as guestNotAllowed", async () => {
    const device = await graph.createDevice(deviceParams("61000004"));

    const assignment = graph.assignDevice(users.guest.id, device.id);

    await expect(assignment).rejects.toMatchObject({ code: "guestNotAllowed" });
    expect((await graph.getDevice(device.id))?.status).toBe("available");
  });

  it.each([400, 409] as const)("reports assigning a taken device (answered %i) as invalidDeviceState", async (status) => {
    sandbox.tenant.knobs.alreadyAssignedStatus = status;
    const device = await graph.createDevice(deviceParams(`6200${status}`));
    await graph.assignDevice(users.ada.id, device.id);

    await expect(graph.assignDevice(users.dmitri.id, device.id)).rejects.toMatchObject({ code: "invalidDeviceState" });
  });

  it("reports activating an active device as invalidDeviceState", async () => {
    const device = await graph.createDevice(deviceParams("61000005"));
    await graph.assignDevice(users.dmitri.id, device.id);
    await graph.activateDevice(users.dmitri.id, device.id, currentCode());

    const again = graph.activateDevice(users.dmitri.id, device.id, currentCode());

    await expect(again).rejects.toMatchObject({ code: "invalidDeviceState" });
  });

  it("assigns and activates in one call", async () => {
    const device = await graph.createDevice(deviceParams("61000006"));

    await graph.assignAndActivateDevice(users.danONeil.id, device.id, currentCode());

    const activated = await graph.getDevice(device.id);
    expect(activated?.status).toBe("activated");
    expect(activated?.assignedTo?.id).toBe(users.danONeil.id);
  });

  it("unassigns a device back to available", async () => {
    const device = await graph.createDevice(deviceParams("61000007"));
    await graph.assignDevice(users.chloe.id, device.id);

    await graph.unassignDevice(users.chloe.id, device.id);

    const returned = await graph.getDevice(device.id);
    expect(returned?.status).toBe("available");
    expect(returned?.assignedTo).toBeNull();
    expect((await graph.listUserDevices(users.chloe.id)).map((held) => held.id)).not.toContain(device.id);
  });
});
