import type { GraphGateway } from "../graph/GraphGateway.js";
import type { DirectoryUser } from "../types.js";

/** Result of checking a user: the user who may hold a token, or the reason they cannot. */
export type UserResolution =
  | { ok: true; user: DirectoryUser }
  | { ok: false; code: "userNotFound" | "guestUser" | "userDisabled"; message: string };

/** Guests cannot hold hardware OATH tokens in the resource tenant; their UPNs carry `#EXT#`. */
export function isGuest(user: Pick<DirectoryUser, "userType" | "userPrincipalName">): boolean {
  return user.userType === "Guest" || user.userPrincipalName.toUpperCase().includes("#EXT#");
}

/** Checks whether a directory user may be assigned a token. */
export function checkAssignable(user: DirectoryUser): UserResolution {
  if (isGuest(user)) {
    return {
      ok: false,
      code: "guestUser",
      message: `${user.userPrincipalName} is a guest account; guest accounts cannot hold hardware OATH tokens. Assign the token to a member account.`,
    };
  }
  if (!user.accountEnabled) {
    return {
      ok: false,
      code: "userDisabled",
      message: `${user.userPrincipalName} is disabled. Enable the account in Entra ID or assign the token to another user.`,
    };
  }
  return { ok: true, user };
}

function notFound(upn: string): UserResolution {
  return {
    ok: false,
    code: "userNotFound",
    message: `No user ${upn} exists in the tenant. Check the spelling in the upn column, or leave it empty to import the token unassigned.`,
  };
}

/**
 * Resolves user principal names to directory users, once per UPN (case-insensitive) for the
 * lifetime of the resolver, so that an import looks up each user in Graph only once.
 */
export class UserResolver {
  private readonly cache = new Map<string, Promise<UserResolution>>();

  constructor(private readonly graph: GraphGateway) {}

  /**
   * Looks up every UPN not yet known in requests of 15, so that a file with many users costs a
   * fifteenth of the Graph calls; {@link resolve} then reads from the cache.
   */
  async prefetch(upns: string[]): Promise<void> {
    const unknown = [...new Map(upns.map((upn) => [upn.toLowerCase(), upn])).entries()].filter(([key]) => !this.cache.has(key));
    if (unknown.length === 0) return;

    const found = new Map((await this.graph.findUsersByUpns(unknown.map(([, upn]) => upn))).map((user) => [user.userPrincipalName.toLowerCase(), user]));
    for (const [key, upn] of unknown) {
      const user = found.get(key);
      this.cache.set(key, Promise.resolve(user ? checkAssignable(user) : notFound(upn)));
    }
  }

  resolve(upn: string): Promise<UserResolution> {
    const key = upn.toLowerCase();
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.lookUp(upn);
      this.cache.set(key, pending);
      // A failed lookup (network, throttling) must not stick in the cache.
      pending.catch(() => this.cache.delete(key));
    }
    return pending;
  }

  private async lookUp(upn: string): Promise<UserResolution> {
    const user = await this.graph.findUserByUpn(upn);
    return user ? checkAssignable(user) : notFound(upn);
  }
}
