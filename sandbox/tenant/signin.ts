import { createHash, randomBytes } from "node:crypto";
import { SignJWT, UnsecuredJWT, type JWTPayload } from "jose";
import { z } from "zod";
import type { TenantContext } from "./context.js";
import { badRequest, GraphError } from "./errors.js";
import { v2Issuer } from "./openid.js";

/** Client id of the Teams desktop and web clients, the `azp` of Teams SSO tokens. */
const teamsClientId = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

/** Body of `POST /_sandbox/signin`. */
export const signInRequestSchema = z.object({
  userPrincipalName: z.string({ error: "userPrincipalName is required." }).min(1),
  /** Application ID URI or client id of the product's tab app, the token's `aud`. */
  audience: z.string({ error: "audience is required: the tab app's Application ID URI or client id." }).min(1),
  /** Changes that make a token wrong on purpose, so tests can check that the product rejects it. */
  overrides: z
    .object({
      issuer: z.string().optional(),
      audience: z.string().optional(),
      tenantId: z.string().optional(),
      /** Lifetime from now; zero or negative gives an expired token. @default 3600 */
      expiresInSeconds: z.number().int().optional(),
      /** Produces an unsigned token (`alg: none`). */
      unsigned: z.boolean().optional(),
      /** Replaces the user's app roles from the directory. */
      roles: z.array(z.string()).optional(),
    })
    .strict()
    .optional(),
});

/** A request for a user sign-in token. */
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/**
 * Issues a user access token like the Teams SSO token of the product's tab: v2.0, signed with the
 * sandbox key, with `oid`, `preferred_username`, `name` and the user's app roles.
 * @throws GraphError 404 for an unknown user, 400 for an invalid request.
 */
export async function issueSignInToken(context: TenantContext, input: unknown): Promise<{ accessToken: string }> {
  const parsed = signInRequestSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`The sign-in request is invalid: ${parsed.error.issues[0]?.message}`, "BadRequest");
  const { userPrincipalName, audience, overrides = {} } = parsed.data;

  const user = context.directory.find(userPrincipalName);
  if (!user) throw new GraphError(404, "Request_ResourceNotFound", `The user '${userPrincipalName}' is not in the sandbox directory. Add it to the directory file.`);

  const tenantId = overrides.tenantId ?? context.app.tenantId;
  const tokenAudience = overrides.audience ?? audience;
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + (overrides.expiresInSeconds ?? 3600);
  const issuedAt = Math.min(now, expiresAt - 3600);
  const roles = overrides.roles ?? user.appRoles;

  const claims: JWTPayload = {
    aud: tokenAudience,
    iss: overrides.issuer ?? v2Issuer(context, tenantId),
    iat: issuedAt,
    nbf: issuedAt,
    exp: expiresAt,
    aio: randomBytes(12).toString("base64url"),
    azp: teamsClientId,
    azpacr: "0",
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    rh: randomBytes(12).toString("base64url"),
    ...(roles.length > 0 ? { roles } : {}),
    scp: "access_as_user",
    // Entra's `sub` is pairwise: stable for one user and one app, different across apps.
    sub: createHash("sha256").update(`${user.id}|${tokenAudience}`).digest("base64url").slice(0, 43),
    tid: tenantId,
    uti: randomBytes(16).toString("base64url"),
    ver: "2.0",
  };

  if (overrides.unsigned) return { accessToken: new UnsecuredJWT(claims).encode() };

  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: context.signingKey.kid })
    .sign(context.signingKey.privateKey);
  return { accessToken };
}
