import type { CreateDeviceParams, DeviceStatus, DirectoryUser, HardwareOathDevice } from "../types.js";

/** Filter for listing inventory devices; every field is an `eq` condition. */
export interface ListDevicesOptions {
  serialNumber?: string;
  status?: DeviceStatus;
  assignedToId?: string;
  /** Page size sent as `$top`; the gateway still follows every `@odata.nextLink`. */
  top?: number;
}

/**
 * Everything the token service asks of Microsoft Graph. One implementation talks to Graph (or the
 * sandbox tenant) over HTTPS; every method throws a GraphRequestError with our own `code` on failure.
 * Expected absences are values: `undefined` for a missing device or user.
 */
export interface GraphGateway {
  /** Finds the inventory device with this serial number. */
  findDeviceBySerial(serialNumber: string): Promise<HardwareOathDevice | undefined>;
  getDevice(deviceId: string): Promise<HardwareOathDevice | undefined>;
  listDevices(options?: ListDevicesOptions): Promise<HardwareOathDevice[]>;
  createDevice(params: CreateDeviceParams): Promise<HardwareOathDevice>;
  /**
   * Creates many devices in one delta request. The response carries no per-device result, so the
   * caller reads the devices back by serial number; a failed request may have created none.
   */
  createDevices(devices: CreateDeviceParams[]): Promise<void>;
  deleteDevice(deviceId: string): Promise<void>;

  /** Assigns an available device to a user (POST …/users/{id}/authentication/hardwareOathMethods). */
  assignDevice(userId: string, deviceId: string): Promise<void>;
  /** Activates an assigned device; `verificationCode` is a 6-digit string. */
  activateDevice(userId: string, deviceId: string, verificationCode: string): Promise<void>;
  /** Assigns and activates in one call. */
  assignAndActivateDevice(userId: string, deviceId: string, verificationCode: string): Promise<void>;
  unassignDevice(userId: string, deviceId: string): Promise<void>;
  /** Devices assigned to a user, from the per-user endpoint. */
  listUserDevices(userId: string): Promise<HardwareOathDevice[]>;

  /** Exact lookup by user principal name; `undefined` when no such user exists. */
  findUserByUpn(upn: string): Promise<DirectoryUser | undefined>;
  /** Exact lookup of many user principal names, in requests of 15; users not found are left out. */
  findUsersByUpns(upns: string[]): Promise<DirectoryUser[]>;
  getUser(userId: string): Promise<DirectoryUser | undefined>;
  /** Prefix search on display name and UPN. */
  searchUsers(prefix: string, top?: number): Promise<DirectoryUser[]>;

  /**
   * Returns the given groups (at most 20) of which the user is a member, transitively. Used where
   * no token carries the user's roles, as in bot activities.
   */
  checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]>;

  /** Application permissions (`roles` claim) in the app-only access token now in use. */
  grantedPermissions(): Promise<string[]>;
}
