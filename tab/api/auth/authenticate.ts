import type { Request } from "restify";
import { HttpError } from "../http/errors.js";
import { callerFromClaims, type Caller } from "./caller.js";
import { adminRoleName, type TabAuthOptions } from "./options.js";
import { createTokenVerifier } from "./verifyToken.js";

/** Finds the caller of a request from its `Authorization: Bearer` header. */
export interface Authenticator {
  /**
   * Returns the caller, or undefined when the request has no Authorization header.
   * @throws HttpError 401 when a token is present but not valid.
   */
  identify(req: Request): Promise<Caller | undefined>;
  /** @throws HttpError 401 without a valid token, 403 when the caller is not an admin. */
  requireAdmin(req: Request): Promise<Caller>;
}

/** Compact JWS: three base64url parts; the signature part is empty for unsigned tokens. */
const compactJwsPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const maxTokenLength = 16 * 1024;

/** Reads the bearer token, or undefined when there is no Authorization header. */
function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header === "") return undefined;

  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new HttpError(401, "unauthenticated", "The Authorization header must be 'Bearer <Teams SSO token>'.");
  }
  const token = match[1];
  if (token.length > maxTokenLength || !compactJwsPattern.test(token)) {
    throw new HttpError(401, "unauthenticated", "The bearer token is malformed. Send the token that Teams SSO returns.");
  }
  return token;
}

/** Creates the authenticator that every protected tab API route uses. */
export function createAuthenticator(options: TabAuthOptions): Authenticator {
  const verifier = createTokenVerifier(options);
  const adminRole = options.adminRole ?? adminRoleName;
  const requirement = options.adminGroupId
    ? `the app role ${adminRole} or membership of the admin group ${options.adminGroupId}`
    : `the app role ${adminRole}`;

  const identify = async (req: Request): Promise<Caller | undefined> => {
    const token = bearerToken(req);
    if (token === undefined) return undefined;
    return callerFromClaims(await verifier.verify(token), options);
  };

  return {
    identify,
    async requireAdmin(req) {
      const caller = await identify(req);
      if (!caller) {
        throw new HttpError(401, "unauthenticated", "Sign in first: send 'Authorization: Bearer <Teams SSO token>'.");
      }
      if (!caller.isAdmin) {
        throw new HttpError(
          403,
          "forbidden",
          `${caller.userPrincipalName} is signed in but lacks ${requirement}. Ask an Entra admin to assign it in Enterprise applications > Token Inventory > Users and groups.`,
        );
      }
      return caller;
    },
  };
}
