import { randomUUID } from "node:crypto";
import { assignDevice, requireAssignableUser, requireDevice, stateConflict } from "./assignment.js";
import type { TenantContext } from "./context.js";
import { deviceProperties, toGraphDevice } from "./deviceShape.js";
import { createDeviceSchema, parseDeviceBody, updateDeviceSchema, type CreateDeviceBody } from "./deviceValidation.js";
import { badRequest } from "./errors.js";
import { jsonBody, type SandboxRequest, type SandboxResponse } from "./http.js";
import { FilterError, matchesFilter, parseFilter, type FilterRules } from "./odataFilter.js";
import { parseSelect, parseTop, project, takePage } from "./odataQuery.js";
import type { StoredDevice } from "./state.js";

const deviceTypeName = "microsoft.graph.hardwareOathTokenAuthenticationMethodDevice";

const deviceFilterRules: FilterRules = {
  eq: {
    serialNumber: "string",
    status: "string",
    manufacturer: "string",
    model: "string",
    hashFunction: "string",
    timeIntervalInSeconds: "number",
    "assignedTo/id": "string",
  },
  startswith: [],
  allowOr: false,
};

function collectionContext(context: TenantContext): string {
  return `${context.url}/beta/$metadata#directory/authenticationMethodDevices/hardwareOathDevices`;
}

/** Handles `POST …/hardwareOathDevices`: creates one device, assigned too when `assignTo` is set. */
export function createDevice(context: TenantContext, request: SandboxRequest): SandboxResponse {
  const body = parseDeviceBody(createDeviceSchema, jsonBody(request));
  rejectDuplicateSerial(context, body.serialNumber);
  const user = body.assignTo ? requireAssignableUser(context, body.assignTo.id) : undefined;

  const device = newDevice(body);
  context.devices.add(device);
  if (user) assignDevice(context, device, user);

  return {
    status: 201,
    body: { "@odata.context": `${collectionContext(context)}/$entity`, ...toGraphDevice(context, device) },
  };
}

/**
 * Handles `PATCH …/hardwareOathDevices` with a `{"@context":"#$delta","value":[…]}` body: creates
 * every device or, when one item is invalid, none of them.
 */
export function createDevices(context: TenantContext, request: SandboxRequest): SandboxResponse {
  // NOTE: Graph's documentation does not say whether a bulk create is all-or-nothing. The sandbox
  // chooses all-or-nothing; clients should re-read by serial number either way.
  const body = jsonBody(request) as { value?: unknown };
  if (typeof body !== "object" || body === null || !Array.isArray(body.value)) {
    throw badRequest('A bulk create body must be {"@context":"#$delta","value":[devices]}.', "BadRequest");
  }

  const serials = new Set<string>();
  const items = body.value.map((item, index) => {
    const contentId = (item as Record<string, unknown> | null)?.["@contentId"];
    const label = `The device with @contentId '${String(contentId ?? index + 1)}'`;
    const parsed = parseDeviceBody(createDeviceSchema, item, label);
    rejectDuplicateSerial(context, parsed.serialNumber, label);
    if (serials.has(parsed.serialNumber.toLowerCase())) {
      throw stateConflict(context.knobs.duplicateSerialStatus, `${label} repeats the serial number '${parsed.serialNumber}' of another device in this request.`);
    }
    serials.add(parsed.serialNumber.toLowerCase());
    const user = parsed.assignTo ? requireAssignableUser(context, parsed.assignTo.id) : undefined;
    return { parsed, user, contentId };
  });

  const created = items.map(({ parsed, user, contentId }) => {
    const device = newDevice(parsed);
    context.devices.add(device);
    if (user) assignDevice(context, device, user);
    return { ...(contentId === undefined ? {} : { "@contentId": contentId }), ...toGraphDevice(context, device) };
  });

  return { status: context.knobs.bulkCreateStatus, body: { "@context": "#$delta", value: created } };
}

/** Handles `GET …/hardwareOathDevices` with `$filter`, `$select`, `$top` and paging. */
export function listDevices(context: TenantContext, request: SandboxRequest): SandboxResponse {
  const { url } = request;
  const top = parseTop(url, { min: 1, max: 999 });
  const select = parseSelect(url, deviceProperties, deviceTypeName);

  let devices = context.devices.all().map((device) => toGraphDevice(context, device));
  const filter = url.searchParams.get("$filter");
  if (filter !== null) {
    try {
      const node = parseFilter(filter, deviceFilterRules);
      devices = devices.filter((device) =>
        matchesFilter(node, (property) => (property === "assignedTo/id" ? device.assignedTo?.id : (device as unknown as Record<string, unknown>)[property])),
      );
    } catch (error) {
      if (error instanceof FilterError) throw badRequest(`Invalid filter clause: ${error.message}`, "BadRequest");
      throw error;
    }
  }

  const page = takePage(devices, url, Math.min(top ?? context.knobs.pageSize, context.knobs.pageSize));
  return {
    status: 200,
    body: {
      "@odata.context": collectionContext(context),
      value: page.value.map((device) => project(device, select)),
      ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    },
  };
}

/** Handles `GET …/hardwareOathDevices/{id}`. */
export function getDevice(context: TenantContext, request: SandboxRequest, deviceId: string): SandboxResponse {
  const select = parseSelect(request.url, deviceProperties, deviceTypeName);
  const device = requireDevice(context, deviceId);
  return { status: 200, body: { "@odata.context": `${collectionContext(context)}/$entity`, ...project(toGraphDevice(context, device), select) } };
}

/** Handles `PATCH …/hardwareOathDevices/{id}`: updates an available device. */
export function updateDevice(context: TenantContext, request: SandboxRequest, deviceId: string): SandboxResponse {
  const device = requireDevice(context, deviceId);
  const body = parseDeviceBody(updateDeviceSchema, jsonBody(request), "The device update");
  requireAvailable(device, "updated");

  Object.assign(device, Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)));
  context.devices.changed();
  return { status: 204 };
}

/** Handles `DELETE …/hardwareOathDevices/{id}`: deletes an available device. */
export function deleteDevice(context: TenantContext, deviceId: string): SandboxResponse {
  const device = requireDevice(context, deviceId);
  requireAvailable(device, "deleted");
  context.devices.remove(device.id);
  return { status: 204 };
}

function requireAvailable(device: StoredDevice, action: "updated" | "deleted"): void {
  if (device.status === "available") return;
  throw badRequest(
    `The hardware OATH token '${device.serialNumber}' is ${device.status} and cannot be ${action}. Unassign it from its user first, so that its status is available.`,
  );
}

function rejectDuplicateSerial(context: TenantContext, serialNumber: string, label = "The device"): void {
  const existing = context.devices.findBySerial(serialNumber);
  if (!existing) return;
  throw stateConflict(
    context.knobs.duplicateSerialStatus,
    `${label} has the serial number '${serialNumber}', which already belongs to hardware OATH token '${existing.id}'. Use the existing token or delete it first.`,
  );
}

function newDevice(body: CreateDeviceBody): StoredDevice {
  return {
    id: randomUUID(),
    displayName: body.displayName ?? null,
    serialNumber: body.serialNumber,
    manufacturer: body.manufacturer,
    model: body.model,
    secretKey: body.secretKey.toUpperCase(),
    timeIntervalInSeconds: body.timeIntervalInSeconds,
    hashFunction: body.hashFunction,
    status: "available",
    assignedToId: null,
    assignedDateTime: null,
    lastUsedDateTime: null,
    createdDateTime: new Date().toISOString(),
    lastAcceptedStep: null,
  };
}
