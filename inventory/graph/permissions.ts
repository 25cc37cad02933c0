/** Application permissions (app roles of Microsoft Graph) that each gateway operation needs. */

/** Application permission names as they appear in the `roles` claim of an app-only token. */
export type GraphPermission =
  | "Policy.ReadWrite.AuthenticationMethod"
  | "UserAuthenticationMethod.ReadWrite.All"
  | "User.Read.All";

/** Every Graph call the gateway makes, named after the GraphGateway method that makes it. */
export type GraphOperation =
  | "findDeviceBySerial"
  | "getDevice"
  | "listDevices"
  | "createDevice"
  | "createDevices"
  | "deleteDevice"
  | "assignDevice"
  | "activateDevice"
  | "assignAndActivateDevice"
  | "unassignDevice"
  | "listUserDevices"
  | "findUserByUpn"
  | "getUser"
  | "searchUsers"
  | "checkMemberGroups";

/** Permission that one operation needs, and the phrase that messages use for it. */
export interface PermissionRequirement {
  permission: GraphPermission;
  /** Gerund phrase for messages, e.g. "creating a hardware OATH token". */
  action: string;
  /** One sentence on why the operation needs this permission. */
  reason: string;
}

const inventoryReason =
  "The tenant's hardware OATH token inventory under /directory/authenticationMethodDevices is managed with this permission.";
const userMethodReason =
  "Hardware OATH methods of other users are assigned, activated, removed and listed with this permission.";
const userReadReason = "User principal names are resolved to object ids, and user types are read, with this permission.";

/** Permission, message phrase and reason for each gateway operation. Used by the doctor command and the status API. */
export const graphPermissions: Readonly<Record<GraphOperation, PermissionRequirement>> = {
  findDeviceBySerial: {
    permission: "Policy.ReadWrite.AuthenticationMethod",
    action: "looking up a hardware OATH token by serial number",
    reason: inventoryReason,
  },
  getDevice: { permission: "Policy.ReadWrite.AuthenticationMethod", action: "reading a hardware OATH token", reason: inventoryReason },
  listDevices: { permission: "Policy.ReadWrite.AuthenticationMethod", action: "listing hardware OATH tokens", reason: inventoryReason },
  createDevice: { permission: "Policy.ReadWrite.AuthenticationMethod", action: "creating a hardware OATH token", reason: inventoryReason },
  createDevices: { permission: "Policy.ReadWrite.AuthenticationMethod", action: "creating hardware OATH tokens in bulk", reason: inventoryReason },
  deleteDevice: { permission: "Policy.ReadWrite.AuthenticationMethod", action: "deleting a hardware OATH token", reason: inventoryReason },
  assignDevice: {
    permission: "UserAuthenticationMethod.ReadWrite.All",
    action: "assigning a hardware OATH token to a user",
    reason: userMethodReason,
  },
  activateDevice: {
    permission: "UserAuthenticationMethod.ReadWrite.All",
    action: "activating a user's hardware OATH token",
    reason: userMethodReason,
  },
  assignAndActivateDevice: {
    permission: "UserAuthenticationMethod.ReadWrite.All",
    action: "assigning and activating a hardware OATH token",
    reason: userMethodReason,
  },
  unassignDevice: {
    permission: "UserAuthenticationMethod.ReadWrite.All",
    action: "unassigning a hardware OATH token from a user",
    reason: userMethodReason,
  },
  listUserDevices: {
    permission: "UserAuthenticationMethod.ReadWrite.All",
    action: "listing a user's hardware OATH tokens",
    reason: userMethodReason,
  },
  findUserByUpn: { permission: "User.Read.All", action: "looking up a user by user principal name", reason: userReadReason },
  getUser: { permission: "User.Read.All", action: "reading a user", reason: userReadReason },
  searchUsers: { permission: "User.Read.All", action: "searching users", reason: userReadReason },
  // NOTE: Microsoft's page for checkMemberGroups lists User.ReadBasic.All with GroupMember.Read.All;
  // User.Read.All includes the first. Whether a tenant also needs GroupMember.Read.All was not checked here.
  checkMemberGroups: {
    permission: "User.Read.All",
    action: "checking a user's membership of the admin and helpdesk groups",
    reason: userReadReason,
  },
};

/** Lists each distinct permission the product needs, with the reason, in a stable order. */
export function listRequiredPermissions(): { permission: GraphPermission; reason: string }[] {
  const seen = new Map<GraphPermission, string>();
  for (const requirement of Object.values(graphPermissions)) {
    if (!seen.has(requirement.permission)) seen.set(requirement.permission, requirement.reason);
  }
  return [...seen].map(([permission, reason]) => ({ permission, reason }));
}

/**
 * Compares the required permissions with `grantedRoles` (the `roles` claim of the app-only token).
 * The shape matches the status API's permission checks.
 */
export function checkGrantedPermissions(grantedRoles: readonly string[]): { name: GraphPermission; reason: string; granted: boolean }[] {
  const granted = new Set(grantedRoles);
  return listRequiredPermissions().map(({ permission, reason }) => ({ name: permission, reason, granted: granted.has(permission) }));
}
