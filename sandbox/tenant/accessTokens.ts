import { randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import type { TenantContext } from "./context.js";
import { invalidAuthenticationToken } from "./errors.js";
import { v1Issuer } from "./openid.js";

/** Audience of Graph access tokens. */
export const graphAudience = "https://graph.microsoft.com";

/** Graph's application id, which some clients use as the audience instead of the URL. */
const graphApplicationId = "00000003-0000-0000-c000-000000000000";

/** Client authentication method, which Entra records in `appidacr`. */
export type ClientAuthentication = "secret" | "certificate";

/**
 * Signs an app-only Graph access token shaped like Entra's v1.0 tokens: `iss` is
 * `https://sts.windows.net/{tid}/`, and `roles` contains the current `knobs.grantedRoles`.
 */
export async function issueAppToken(context: TenantContext, authentication: ClientAuthentication): Promise<{ token: string; expiresIn: number }> {
  const { app, knobs, signingKey } = context;
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = knobs.accessTokenLifetimeSeconds;

  const token = await new SignJWT({
    aio: randomBytes(12).toString("base64url"),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: authentication === "secret" ? "1" : "2",
    idp: v1Issuer(app.tenantId),
    idtyp: "app",
    oid: app.servicePrincipalId,
    roles: [...knobs.grantedRoles],
    tid: app.tenantId,
    uti: randomBytes(16).toString("base64url"),
    ver: "1.0",
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signingKey.kid })
    .setAudience(graphAudience)
    .setIssuer(v1Issuer(app.tenantId))
    .setSubject(app.servicePrincipalId)
    .setIssuedAt(now)
    .setNotBefore(now - 300)
    .setExpirationTime(now + expiresIn)
    .sign(signingKey.privateKey);

  return { token, expiresIn };
}

/** Claims of a verified Graph access token that the routes use. */
export interface GraphCaller {
  appId: string;
  roles: string[];
}

/**
 * Verifies the bearer token of a Graph request: signature with the sandbox key, expiry, Graph
 * audience and this tenant's issuer.
 * @throws GraphError 401 InvalidAuthenticationToken saying which check failed.
 */
export async function verifyGraphToken(context: TenantContext, authorization: string | undefined): Promise<GraphCaller> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) throw invalidAuthenticationToken("The Authorization header is missing or is not 'Bearer <token>'.");

  try {
    const { payload } = await jwtVerify(match[1], context.signingKey.publicKey, {
      algorithms: ["RS256"],
      audience: [graphAudience, `${graphAudience}/`, graphApplicationId],
      issuer: v1Issuer(context.app.tenantId),
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === "string") : [];
    return { appId: String(payload.appid ?? ""), roles };
  } catch (error) {
    throw invalidAuthenticationToken(describeVerificationFailure(error));
  }
}

function describeVerificationFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "Lifetime validation failed, the token is expired.";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") return "Invalid audience.";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss") return "Invalid issuer: the token was not issued for this tenant.";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "Invalid signature.";
  if (error instanceof errors.JOSEError) return `The token is invalid (${error.code}).`;
  throw error;
}
