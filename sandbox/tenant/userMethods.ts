import { z } from "zod";
import { activateDevice } from "./activation.js";
import { assignDevice, requireAssignableUser, requireDevice, unassignDevice } from "./assignment.js";
import type { TenantContext } from "./context.js";
import type { SandboxUser } from "./directory.js";
import { toGraphDevice } from "./deviceShape.js";
import { badRequest, GraphError, resourceNotFound } from "./errors.js";
import { jsonBody, type SandboxRequest, type SandboxResponse } from "./http.js";
import type { StoredDevice } from "./state.js";

const deviceReference = z.object({ id: z.string().min(1) }, { error: 'device must be an object like {"id":"<device id>"}.' });
const optionalDisplayName = z.string({ error: "displayName must be a string." }).max(256).optional();

const assignSchema = z.object({ device: deviceReference });
const activateSchema = z.object({ verificationCode: z.unknown(), displayName: optionalDisplayName });
const assignAndActivateSchema = activateSchema.extend({ device: deviceReference });
const assignBySerialSchema = activateSchema.extend({
  serialNumber: z.string({ error: "serialNumber is required and must be a string." }).min(1),
});

function parseBody<T extends z.ZodObject>(schema: T, request: SandboxRequest): z.infer<T> {
  const body = jsonBody(request);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(`The request body is invalid: ${parsed.error.issues[0]?.message}`, "BadRequest");
  if ("verificationCode" in schema.shape && !Object.hasOwn(body as object, "verificationCode")) {
    throw badRequest('The request body is invalid: verificationCode is required, as a JSON string of 6 digits such as "012345".', "BadRequest");
  }
  return parsed.data;
}

function requireUser(context: TenantContext, idOrUserPrincipalName: string): SandboxUser {
  const user = context.directory.find(idOrUserPrincipalName);
  if (!user) throw resourceNotFound(idOrUserPrincipalName);
  return user;
}

/** Finds the device that is this user's method; 404 when the user has no such device. */
function requireUserDevice(context: TenantContext, user: SandboxUser, deviceId: string): StoredDevice {
  const device = context.devices.get(deviceId);
  if (!device || device.assignedToId !== user.id) throw resourceNotFound(deviceId);
  return device;
}

function toMethod(context: TenantContext, device: StoredDevice) {
  return {
    "@odata.type": "#microsoft.graph.hardwareOathAuthenticationMethod",
    id: device.id,
    createdDateTime: device.assignedDateTime,
    device: toGraphDevice(context, device),
  };
}

/** Handles `GET /beta/users/{user}/authentication/hardwareOathMethods`. */
export function listUserMethods(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const user = requireUser(context, idOrUserPrincipalName);
  const devices = context.devices.all().filter((device) => device.assignedToId === user.id);
  return {
    status: 200,
    body: {
      "@odata.context": `${context.url}/beta/$metadata#users('${encodeURIComponent(user.id)}')/authentication/hardwareOathMethods`,
      value: devices.map((device) => toMethod(context, device)),
    },
  };
}

/** Handles `POST …/hardwareOathMethods` with `{"device":{"id"}}`: assigns an available device. */
export function assignUserMethod(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const body = parseBody(assignSchema, request);
  const user = requireAssignableUser(context, idOrUserPrincipalName);
  const device = requireDevice(context, body.device.id);

  assignDevice(context, device, user);
  return { status: 201, body: toMethod(context, device) };
}

/** Handles `DELETE …/hardwareOathMethods/{deviceId}`: returns the device to the inventory, whatever its state. */
export function unassignUserMethod(context: TenantContext, idOrUserPrincipalName: string, deviceId: string): SandboxResponse {
  const user = requireUser(context, idOrUserPrincipalName);
  const device = requireUserDevice(context, user, deviceId);

  unassignDevice(context, device);
  return { status: 204 };
}

/**
 * Handles `POST …/hardwareOathMethods/{deviceId}/activate`. Within `knobs.replicationDelayMs` of
 * the assignment the method is not yet visible, so the answer is 404, as in a directory that has
 * not replicated the assignment yet.
 */
export function activateUserMethod(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string, deviceId: string): SandboxResponse {
  const body = parseBody(activateSchema, request);
  const user = requireUser(context, idOrUserPrincipalName);
  const device = requireUserDevice(context, user, deviceId);

  const assignedAt = device.assignedDateTime ? Date.parse(device.assignedDateTime) : 0;
  if (Date.now() - assignedAt < context.knobs.replicationDelayMs) {
    throw new GraphError(404, "Request_ResourceNotFound", `The hardware OATH method '${deviceId}' of user '${user.id}' was not found. Retry after the assignment has replicated.`);
  }

  activateDevice(context, device, body.verificationCode, body.displayName);
  return { status: 204 };
}

/**
 * Handles `POST …/hardwareOathMethods/assignAndActivate`. A wrong code leaves the device assigned
 * in `failedActivation`, a choice of the sandbox because Graph's documentation does not say.
 */
export function assignAndActivate(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const body = parseBody(assignAndActivateSchema, request);
  const user = requireAssignableUser(context, idOrUserPrincipalName);
  const device = requireDevice(context, body.device.id);

  assignDevice(context, device, user);
  activateDevice(context, device, body.verificationCode, body.displayName);
  return { status: 204 };
}

/** Handles `POST …/hardwareOathMethods/assignAndActivateBySerialNumber`. */
export function assignAndActivateBySerialNumber(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const body = parseBody(assignBySerialSchema, request);
  const user = requireAssignableUser(context, idOrUserPrincipalName);
  const device = context.devices.findBySerial(body.serialNumber);
  if (!device) throw resourceNotFound(body.serialNumber);

  assignDevice(context, device, user);
  activateDevice(context, device, body.verificationCode, body.displayName);
  return { status: 204 };
}
