/**
 * Who may administer the bot and act on helpdesk cards. The bot receives no token roles from
 * Teams, so the host checks the Entra object id of the person in the activity against the admin
 * app role or ADMIN_GROUP_ID, and HELPDESK_GROUP_ID, through Graph or the sandbox directory.
 */
export interface AccessPolicy {
  /** True when the user holds the admin app role or is in the admin group. */
  isAdmin(userId: string): Promise<boolean>;
  /** True when the user is in the helpdesk group. */
  isHelpdesk(userId: string): Promise<boolean>;
}

/** A fixed policy from lists of object ids, for local runs and tests. */
export function staticAccessPolicy(options: { adminIds?: Iterable<string>; helpdeskIds?: Iterable<string> }): AccessPolicy {
  const admins = new Set(options.adminIds ?? []);
  const helpdesk = new Set(options.helpdeskIds ?? []);
  return {
    isAdmin: async (userId) => admins.has(userId),
    isHelpdesk: async (userId) => helpdesk.has(userId),
  };
}
