import type { Actor } from "../../../inventory/Inventory.js";
import { adminRoleName, type TabAuthOptions } from "./options.js";
import type { SsoClaims } from "./verifyToken.js";

/** The signed-in user behind a tab API request. */
export interface Caller {
  /** Entra object id (`oid`). */
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName?: string;
  roles: string[];
  /** True when the token carries the admin app role or the admin group. */
  isAdmin: boolean;
}

/** Reads the caller from validated claims and decides whether they are an admin. */
export function callerFromClaims(claims: SsoClaims, options: TabAuthOptions): Caller {
  const roles = claims.roles ?? [];
  const groups = claims.groups ?? [];
  const adminRole = options.adminRole ?? adminRoleName;

  // NOTE: with more than 200 groups Entra leaves `groups` out of the token (group overage), so a
  // member of the admin group then needs the app role instead.
  const inAdminGroup = options.adminGroupId !== undefined && groups.includes(options.adminGroupId);

  return {
    id: claims.oid,
    tenantId: claims.tid,
    userPrincipalName: claims.preferred_username ?? claims.upn ?? claims.oid,
    displayName: claims.name,
    roles,
    isAdmin: roles.includes(adminRole) || inAdminGroup,
  };
}

/** The audit actor for an admin's request. */
export function actorOf(caller: Caller): Actor {
  return { id: caller.id, name: caller.userPrincipalName, kind: "admin" };
}
