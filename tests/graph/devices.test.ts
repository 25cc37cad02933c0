import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GraphClientGateway } from "../../inventory/graph/GraphClientGateway.js";
import { deviceParams, recordFetch, startTestTenant, type TestTenant } from "./support/sandbox.js";

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
  sandbox.tenant.knobs.pageSize = 100;
  sandbox.tenant.knobs.duplicateSerialStatus = 409;
});

describe("GraphClientGateway inventory", () => {
  it("creates, finds, gets and deletes a device", async () => {
    const created = await graph.createDevice(deviceParams("11000001"));

    expect(created).toMatchObject({ serialNumber: "11000001", status: "available", assignedTo: null, timeIntervalInSeconds: 30 });
    expect(created).not.toHaveProperty("secretKey");

    const found = await graph.findDeviceBySerial("11000001");
    expect(found?.id).toBe(created.id);

    const fetched = await graph.getDevice(created.id);
    expect(fetched?.serialNumber).toBe("11000001");

    await graph.deleteDevice(created.id);

    expect(await graph.getDevice(created.id)).toBeUndefined();
    expect(await graph.findDeviceBySerial("11000001")).toBeUndefined();
  });

  it("sends hmacsha256 and 60 second intervals as given", async () => {
    const created = await graph.createDevice({
      ...deviceParams("11000002", "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6"),
      hashFunction: "hmacsha256",
      timeIntervalInSeconds: 60,
    });

    expect(created.hashFunction).toBe("hmacsha256");
    expect(created.timeIntervalInSeconds).toBe(60);
  });

  it("follows every nextLink when listing", async () => {
    for (let index = 1; index <= 7; index++) await graph.createDevice(deviceParams(`2200000${index}`));
    sandbox.tenant.knobs.pageSize = 3;
    const recorder = recordFetch();

    let devices;
    try {
      devices = await graph.listDevices();
    } finally {
      recorder.restore();
    }

    const paged = devices.filter((device) => device.serialNumber.startsWith("220000"));
    expect(paged.map((device) => device.serialNumber).sort()).toEqual(
      ["22000001", "22000002", "22000003", "22000004", "22000005", "22000006", "22000007"],
    );
    expect(recorder.requests.length).toBeGreaterThanOrEqual(3);
    expect(recorder.requests.slice(1).every((request) => request.url.includes("skiptoken"))).toBe(true);
  });

  it("filters the list by status", async () => {
    await graph.createDevice(deviceParams("33000001"));

    const available = await graph.listDevices({ status: "available", serialNumber: "33000001" });

    expect(available.map((device) => device.serialNumber)).toEqual(["33000001"]);
    expect(await graph.listDevices({ status: "activated", serialNumber: "33000001" })).toEqual([]);
  });

  it.each([409, 400] as const)("reports a duplicate serial answered with %i as duplicateSerial", async (status) => {
    sandbox.tenant.knobs.duplicateSerialStatus = status;
    const serialNumber = `4400${status}`;
    await graph.createDevice(deviceParams(serialNumber));

    const duplicate = graph.createDevice(deviceParams(serialNumber));

    await expect(duplicate).rejects.toMatchObject({ name: "GraphRequestError", code: "duplicateSerial" });
  });

  it("refuses a nextLink that points at another host", async () => {
    await graph.createDevice(deviceParams("55000001"));
    const recorder = recordFetch(async (request, response) => {
      if (request.method !== "GET" || !request.url.includes("hardwareOathDevices")) return response;
      const page = (await response.json()) as Record<string, unknown>;
      page["@odata.nextLink"] = "https://graph.attacker.example/beta/directory/authenticationMethodDevices/hardwareOathDevices?$skiptoken=x";
      return Response.json(page, { status: response.status });
    });

    let outcome: Promise<unknown>;
    try {
      outcome = graph.listDevices();
      await outcome.catch(() => undefined);
    } finally {
      recorder.restore();
    }

    await expect(outcome).rejects.toMatchObject({ code: "untrustedHost" });
    await expect(outcome).rejects.toThrow(/https:\/\/graph\.attacker\.example/);
    expect(recorder.requests.map((request) => new URL(request.url).host)).toEqual([new URL(sandbox.tenant.url).host]);
  });

  it("rejects an empty device id without sending a request", async () => {
    const before = graph.stats().requests;

    await expect(graph.deleteDevice(" ")).rejects.toMatchObject({ code: "badRequest" });
    expect(graph.stats().requests).toBe(before);
  });

  it("reports deleting an unknown device as notFound", async () => {
    await expect(graph.deleteDevice("00000000-0000-0000-0000-00000000dead")).rejects.toMatchObject({ code: "notFound", httpStatus: 404 });
  });
});
