import type { TokenView } from "../Inventory.js";
import type { TokenRecord } from "../storage/index.js";

/** The outside view of a stored token: everything but the seed. */
export function toTokenView(record: TokenRecord): TokenView {
  return {
    serialNumber: record.serialNumber,
    deviceId: record.deviceId,
    manufacturer: record.manufacturer,
    model: record.model,
    displayName: record.displayName,
    hashFunction: record.hashFunction,
    timeIntervalInSeconds: record.timeIntervalInSeconds,
    status: record.status,
    assignedTo: record.assignedUserId
      ? { id: record.assignedUserId, userPrincipalName: record.assignedUpn, displayName: record.assignedDisplayName }
      : undefined,
    seedStored: record.encryptedSecret !== undefined,
    updatedAt: record.updatedAt,
  };
}
