import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SandboxTenant } from "../../sandbox/tenant/index.js";
import { appToken, deviceBody, graph, inventoryPath, methodsPath, sampleUsers, startTestTenant } from "./helpers.js";

describe("sandbox hardware OATH inventory", () => {
  let tenant: SandboxTenant;
  let token: string;
  let serial = 1000;
  const nextSerial = () => `S-${serial++}`;

  beforeAll(async () => {
    tenant = await startTestTenant();
    token = await appToken(tenant);
  });

  beforeEach(() => {
    tenant.knobs.pageSize = 100;
  });

  afterAll(async () => {
    await tenant.close();
  });

  it("creates a device and returns it flat without the seed", async () => {
    const response = await graph(tenant, token, "POST", inventoryPath, deviceBody("S-1", { secretKey: "jbswy3dpehpk3pxp", displayName: "Desk token" }));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      serialNumber: "S-1",
      manufacturer: "Token2",
      model: "C202",
      secretKey: null,
      timeIntervalInSeconds: 30,
      hashFunction: "hmacsha1",
      status: "available",
      assignedTo: null,
      displayName: "Desk token",
    });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(tenant.devices())).not.toMatch(/JBSWY3DP/i);
  });

  it("defaults hashFunction to hmacsha1", async () => {
    const body = deviceBody(nextSerial());
    delete body.hashFunction;

    const response = await graph(tenant, token, "POST", inventoryPath, body);
    expect(response.status).toBe(201);
    expect(response.body.hashFunction).toBe("hmacsha1");
  });

  it.each([
    ["missing serialNumber", { serialNumber: undefined }, /serialNumber/],
    ["missing manufacturer", { manufacturer: undefined }, /manufacturer/],
    ["missing model", { model: undefined }, /model/],
    ["missing secretKey", { secretKey: undefined }, /secretKey/],
    ["missing interval", { timeIntervalInSeconds: undefined }, /timeIntervalInSeconds/],
    ["padded seed", { secretKey: "JBSWY3DPEHPK3PXP====" }, /padding/],
    ["hex seed", { secretKey: "3132333435363738393031323334353637383930" }, /Base32/],
    ["short seed", { secretKey: "JBSWY3DPEHPK3PX" }, /at least 16/],
    ["long seed", { secretKey: "A".repeat(129) }, /at most 128/],
    ["interval 45", { timeIntervalInSeconds: 45 }, /30 or 60/],
    ["interval as string", { timeIntervalInSeconds: "30" }, /30 or 60/],
    ["unknown hash", { hashFunction: "sha512" }, /hmacsha1/],
    ["unknown property", { color: "blue" }, /color/],
  ])("rejects %s with 400", async (_name, overrides, message) => {
    const response = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial(), overrides));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it("accepts seeds of 16 and 128 Base32 characters", async () => {
    for (const secretKey of ["A".repeat(16), "B".repeat(128)]) {
      const response = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial(), { secretKey }));
      expect(response.status, `${secretKey.length} characters`).toBe(201);
    }
  });

  it("answers a duplicate serial with the configured status", async () => {
    const serialNumber = nextSerial();
    await graph(tenant, token, "POST", inventoryPath, deviceBody(serialNumber));

    const conflict = await graph(tenant, token, "POST", inventoryPath, deviceBody(serialNumber));
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain(serialNumber);

    tenant.knobs.duplicateSerialStatus = 400;
    const badRequest = await graph(tenant, token, "POST", inventoryPath, deviceBody(serialNumber));
    tenant.knobs.duplicateSerialStatus = 409;
    expect(badRequest.status).toBe(400);
  });

  it("creates and assigns in one call with assignTo", async () => {
    const response = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial(), { assignTo: { id: sampleUsers.ada.id } }));

    expect(response.status).toBe(201);
    expect(response.body.status).toBe("assigned");
    expect(response.body.assignedTo).toEqual({ id: sampleUsers.ada.id, displayName: "Ada Alvarez" });
  });

  it("creates many devices with a delta PATCH", async () => {
    const serials = [nextSerial(), nextSerial()];
    const body = { "@context": "#$delta", value: serials.map((serialNumber, index) => ({ "@contentId": String(index + 1), ...deviceBody(serialNumber) })) };

    const response = await graph(tenant, token, "PATCH", inventoryPath, body);
    expect(response.status).toBe(200);
    expect(response.body.value.map((device: { serialNumber: string }) => device.serialNumber)).toEqual(serials);

    tenant.knobs.bulkCreateStatus = 201;
    const second = await graph(tenant, token, "PATCH", inventoryPath, { "@context": "#$delta", value: [deviceBody(nextSerial())] });
    tenant.knobs.bulkCreateStatus = 200;
    expect(second.status).toBe(201);
  });

  it("creates nothing when one bulk item is invalid", async () => {
    const good = nextSerial();
    const body = { "@context": "#$delta", value: [{ "@contentId": "1", ...deviceBody(good) }, { "@contentId": "2", ...deviceBody(nextSerial(), { secretKey: "00" }) }] };

    const response = await graph(tenant, token, "PATCH", inventoryPath, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("@contentId '2'");
    const lookup = await graph(tenant, token, "GET", `${inventoryPath}?$filter=serialNumber eq '${good}'`);
    expect(lookup.body.value).toEqual([]);
  });

  it("pages with @odata.nextLink at the smaller of $top and pageSize", async () => {
    const model = `Paging-${Date.now()}`;
    for (let index = 0; index < 5; index++) await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial(), { model }));
    tenant.knobs.pageSize = 2;

    const seen: string[] = [];
    let link: string | undefined = `${inventoryPath}?$filter=model eq '${model}'&$top=3&$select=serialNumber,status`;
    let pages = 0;
    while (link) {
      const page = await graph(tenant, token, "GET", link);
      expect(page.status).toBe(200);
      expect(page.body.value.length).toBeLessThanOrEqual(2);
      for (const device of page.body.value) {
        expect(Object.keys(device).sort()).toEqual(["serialNumber", "status"]);
        seen.push(device.serialNumber);
      }
      link = page.body["@odata.nextLink"];
      if (link) expect(link).toMatch(new RegExp(`^${tenant.url}/beta/.*\\$skiptoken=`));
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it("filters on several properties joined by and", async () => {
    const serialNumber = nextSerial();
    await graph(tenant, token, "POST", inventoryPath, deviceBody(serialNumber, { hashFunction: "hmacsha256", timeIntervalInSeconds: 60 }));

    const query = `$filter=${encodeURIComponent(`serialNumber eq '${serialNumber}' and timeIntervalInSeconds eq 60 and hashFunction eq 'hmacsha256' and status eq 'available'`)}`;
    const response = await graph(tenant, token, "GET", `${inventoryPath}?${query}`);
    expect(response.body.value).toHaveLength(1);

    const assigned = await graph(tenant, token, "GET", `${inventoryPath}?$filter=assignedTo/id eq '${sampleUsers.ada.id}'`);
    expect(assigned.status).toBe(200);
    for (const device of assigned.body.value) expect(device.assignedTo.id).toBe(sampleUsers.ada.id);
  });

  it("finds a serial with a doubled quote", async () => {
    await graph(tenant, token, "POST", inventoryPath, deviceBody("O'NEIL-1"));

    const response = await graph(tenant, token, "GET", `${inventoryPath}?$filter=${encodeURIComponent("serialNumber eq 'O''NEIL-1'")}`);
    expect(response.status).toBe(200);
    expect(response.body.value.map((device: { serialNumber: string }) => device.serialNumber)).toEqual(["O'NEIL-1"]);
  });

  it.each([
    ["or", "serialNumber eq 'a' or serialNumber eq 'b'"],
    ["startswith", "startswith(serialNumber,'S')"],
    ["unknown property", "color eq 'blue'"],
    ["unquoted string", "serialNumber eq S-1"],
    ["unclosed quote", "serialNumber eq 'S-1"],
    ["ne operator", "status ne 'available'"],
  ])("rejects a $filter with %s", async (_name, filter) => {
    const response = await graph(tenant, token, "GET", `${inventoryPath}?$filter=${encodeURIComponent(filter)}`);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("BadRequest");
  });

  it("gets, updates and deletes an available device", async () => {
    const created = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial()));
    const devicePath = `${inventoryPath}/${created.body.id}`;

    const update = await graph(tenant, token, "PATCH", devicePath, { displayName: "Renamed", timeIntervalInSeconds: 60 });
    expect(update.status).toBe(204);
    const read = await graph(tenant, token, "GET", devicePath);
    expect(read.body).toMatchObject({ displayName: "Renamed", timeIntervalInSeconds: 60 });

    const removal = await graph(tenant, token, "DELETE", devicePath);
    expect(removal.status).toBe(204);
    const gone = await graph(tenant, token, "GET", devicePath);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("rejects update and delete of an assigned device", async () => {
    const created = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial(), { assignTo: { id: sampleUsers.bruno.id } }));
    const devicePath = `${inventoryPath}/${created.body.id}`;

    const update = await graph(tenant, token, "PATCH", devicePath, { displayName: "x" });
    expect(update.status).toBe(400);
    expect(update.body.error.message).toMatch(/Unassign/);
    const removal = await graph(tenant, token, "DELETE", devicePath);
    expect(removal.status).toBe(400);
    expect(removal.body.error.message).toMatch(/assigned and cannot be deleted/);

    await graph(tenant, token, "DELETE", `${methodsPath(sampleUsers.bruno.id)}/${created.body.id}`);
    const afterUnassign = await graph(tenant, token, "DELETE", devicePath);
    expect(afterUnassign.status).toBe(204);
  });

  it("rejects an update of the seed or serial", async () => {
    const created = await graph(tenant, token, "POST", inventoryPath, deviceBody(nextSerial()));

    const response = await graph(tenant, token, "PATCH", `${inventoryPath}/${created.body.id}`, { secretKey: "JBSWY3DPEHPK3PXP" });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/secretKey/);
  });
});
