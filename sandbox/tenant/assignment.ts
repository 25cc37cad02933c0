import type { TenantContext } from "./context.js";
import type { SandboxUser } from "./directory.js";
import { badRequest, GraphError, resourceNotFound } from "./errors.js";
import type { StoredDevice } from "./state.js";

/** Builds the error for a request that conflicts with the current state, at the status a knob sets. */
export function stateConflict(status: 400 | 409, message: string): GraphError {
  return new GraphError(status, status === 409 ? "conflict" : "badRequest", message);
}

/** Returns true for a guest: `userType` Guest, or a UPN of an invited external account. */
export function isGuest(user: SandboxUser): boolean {
  return user.userType === "Guest" || user.userPrincipalName.toUpperCase().includes("#EXT#");
}

/**
 * Finds a user who may hold a hardware OATH token.
 * @throws GraphError 404 when the user does not exist, 400 when the account is disabled or a guest.
 */
export function requireAssignableUser(context: TenantContext, idOrUserPrincipalName: string): SandboxUser {
  const user = context.directory.find(idOrUserPrincipalName);
  if (!user) throw resourceNotFound(idOrUserPrincipalName);
  if (isGuest(user)) {
    throw badRequest(`Guest users cannot be assigned hardware OATH tokens: '${user.userPrincipalName}' is a guest in this tenant.`);
  }
  if (!user.accountEnabled) {
    throw badRequest(`The user '${user.userPrincipalName}' is disabled. Enable the account before assigning a hardware OATH token.`);
  }
  return user;
}

/**
 * Finds a device by id for a per-user or inventory request.
 * @throws GraphError 404 when no device has this id.
 */
export function requireDevice(context: TenantContext, deviceId: string): StoredDevice {
  const device = context.devices.get(deviceId);
  if (!device) throw resourceNotFound(deviceId);
  return device;
}

/**
 * Assigns an available device to `user` and starts the replication delay.
 * @throws GraphError at `knobs.alreadyAssignedStatus` when the device is not available.
 */
export function assignDevice(context: TenantContext, device: StoredDevice, user: SandboxUser): void {
  if (device.status !== "available") {
    throw stateConflict(
      context.knobs.alreadyAssignedStatus,
      `The hardware OATH token '${device.serialNumber}' is not available (status ${device.status}). Unassign it from its current user first.`,
    );
  }

  device.status = "assigned";
  device.assignedToId = user.id;
  device.assignedDateTime = new Date().toISOString();
  context.devices.changed();
}

/** Returns a device in any state to the inventory as available. */
export function unassignDevice(context: TenantContext, device: StoredDevice): void {
  device.status = "available";
  device.assignedToId = null;
  device.assignedDateTime = null;
  context.devices.changed();
}
