/**
 * Decides who may administer the bot and act on helpdesk cards. The bot receives no token roles
 * from Teams, so the host checks the Entra object id of the person in the activity for membership
 * of ADMIN_GROUP_ID and HELPDESK_GROUP_ID through Graph (see {@link groupAccessPolicy}).
 */
export interface AccessPolicy {
  /** True when the user is in the admin group. */
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

/** Options of {@link groupAccessPolicy}. */
export interface GroupAccessPolicyOptions {
  graph: { checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]> };
  /** Members are admins (ADMIN_GROUP_ID); unset means no one is an admin in chat. */
  adminGroupId?: string;
  /** Members may act on helpdesk cards (HELPDESK_GROUP_ID); admins always may. */
  helpdeskGroupId?: string;
  /** How long a membership result is cached, in milliseconds. @default 300000 */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Decides by group membership, asked of Graph (`checkMemberGroups`, transitive) once per user and
 * cache period. Teams activities carry no roles, so groups are what the bot can check; the tab
 * additionally accepts the TokenInventory.Admin app role from the sign-in token.
 */
export function groupAccessPolicy(options: GroupAccessPolicyOptions): AccessPolicy {
  const groupIds = [options.adminGroupId, options.helpdeskGroupId].filter((id): id is string => Boolean(id));
  const cacheMs = options.cacheMs ?? 300_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { groups: Set<string>; until: number }>();

  async function groupsOf(userId: string): Promise<Set<string>> {
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.groups;
    const groups = new Set((await options.graph.checkMemberGroups(userId, groupIds)).map((id) => id.toLowerCase()));
    cache.set(userId, { groups, until: now() + cacheMs });
    return groups;
  }

  const isAdmin = async (userId: string) => Boolean(options.adminGroupId) && (await groupsOf(userId)).has(options.adminGroupId!.toLowerCase());
  return {
    isAdmin,
    isHelpdesk: async (userId) =>
      (Boolean(options.helpdeskGroupId) && (await groupsOf(userId)).has(options.helpdeskGroupId!.toLowerCase())) || (await isAdmin(userId)),
  };
}
