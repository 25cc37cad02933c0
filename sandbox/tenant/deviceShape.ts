import type { TenantContext } from "./context.js";
import type { StoredDevice } from "./state.js";

/** Properties of a device in Graph responses, usable in `$select`. */
export const deviceProperties = [
  "id",
  "displayName",
  "serialNumber",
  "manufacturer",
  "model",
  "secretKey",
  "timeIntervalInSeconds",
  "hashFunction",
  "status",
  "lastUsedDateTime",
  "assignedTo",
] as const;

/** A device as Graph returns it: flat, with `secretKey` always null. */
export interface GraphDevice {
  id: string;
  displayName: string | null;
  serialNumber: string;
  manufacturer: string;
  model: string;
  secretKey: null;
  timeIntervalInSeconds: 30 | 60;
  hashFunction: "hmacsha1" | "hmacsha256";
  status: StoredDevice["status"];
  lastUsedDateTime: string | null;
  assignedTo: { id: string; displayName: string | null } | null;
}

/** Shapes a stored device for a Graph response, leaving the seed out. */
export function toGraphDevice(context: TenantContext, device: StoredDevice): GraphDevice {
  const user = device.assignedToId ? context.directory.find(device.assignedToId) : undefined;
  return {
    id: device.id,
    displayName: device.displayName,
    serialNumber: device.serialNumber,
    manufacturer: device.manufacturer,
    model: device.model,
    secretKey: null,
    timeIntervalInSeconds: device.timeIntervalInSeconds,
    hashFunction: device.hashFunction,
    status: device.status,
    lastUsedDateTime: device.lastUsedDateTime,
    assignedTo: device.assignedToId ? { id: device.assignedToId, displayName: user?.displayName ?? null } : null,
  };
}

/** A device as tests inspect it through `tenant.devices()`: the Graph shape plus sandbox bookkeeping, never the seed. */
export interface SandboxDeviceSnapshot extends Omit<GraphDevice, "secretKey"> {
  createdDateTime: string;
  assignedDateTime: string | null;
  lastAcceptedStep: number | null;
}

/** Copies a stored device without its seed. */
export function toSnapshot(context: TenantContext, device: StoredDevice): SandboxDeviceSnapshot {
  const { secretKey: _secretKey, ...graphDevice } = toGraphDevice(context, device);
  return {
    ...graphDevice,
    createdDateTime: device.createdDateTime,
    assignedDateTime: device.assignedDateTime,
    lastAcceptedStep: device.lastAcceptedStep,
  };
}
