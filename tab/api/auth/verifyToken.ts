import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { HttpError } from "../http/errors.js";
import { acceptedAudiences, acceptedIssuers, type TabAuthOptions } from "./options.js";

/** Claims of a validated Teams SSO token that the tab API reads. */
export interface SsoClaims extends JWTPayload {
  tid: string;
  oid: string;
  preferred_username?: string;
  /** v1 tokens carry the UPN here instead of `preferred_username`. */
  upn?: string;
  name?: string;
  roles?: string[];
  groups?: string[];
}

/** Checks a bearer token's signature, issuer, audience, expiry, tenant and algorithm. */
export interface TokenVerifier {
  /** @throws HttpError 401 when the token is not valid, 503 when the signing keys cannot be read. */
  verify(token: string): Promise<SsoClaims>;
}

const openIdMetadataSchema = z.object({
  jwks_uri: z.url({ protocol: /^https$/ }),
});

const claimsSchema = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
  name: z.string().optional(),
  roles: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
});

function unauthenticated(message: string, cause?: unknown): HttpError {
  return new HttpError(401, "unauthenticated", message, { cause });
}

/** Reads the OpenID metadata of the tenant and returns its JWKS URI. */
async function discoverJwksUri(options: TabAuthOptions): Promise<URL> {
  const authority = options.authorityHost.replace(/\/+$/, "");
  const metadataUrl = `${authority}/${encodeURIComponent(options.tenantId)}/v2.0/.well-known/openid-configuration`;

  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new Error(`OpenID metadata request to ${metadataUrl} failed with HTTP ${response.status}.`);
  }
  const metadata = openIdMetadataSchema.parse(await response.json());
  return new URL(metadata.jwks_uri);
}

/** Translates a jose validation error into a 401 that states what was wrong, never the token itself. */
function rejectionFor(error: unknown): HttpError {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return unauthenticated("The bearer token has expired. Sign in again.", error);
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "iss") return unauthenticated("The bearer token comes from an issuer this app does not trust.", error);
      if (claim === "aud") return unauthenticated("The bearer token was issued for another application (audience).", error);
      if (claim === "nbf") return unauthenticated("The bearer token is not valid yet. Check the clock of this server.", error);
      return unauthenticated(`The bearer token has an invalid ${String(claim)} claim.`, error);
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return unauthenticated("The bearer token must be signed with RS256.", error);
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
    case "ERR_JWKS_NO_MATCHING_KEY":
      return unauthenticated("The bearer token's signature does not match the tenant's signing keys.", error);
    default:
      return unauthenticated("The bearer token is malformed. Send the token that Teams SSO returns.", error);
  }
}

/** Codes of jose errors that mean "we could not read the keys", not "the token is bad". */
const keySetFailureCodes = new Set(["ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID"]);

/**
 * Creates a verifier for one tenant. The OpenID metadata is read on first use and cached. jose
 * caches the keys and fetches them again when a token names an unknown key id, as after a key rollover.
 */
export function createTokenVerifier(options: TabAuthOptions): TokenVerifier {
  const issuers = acceptedIssuers(options);
  const audiences = acceptedAudiences(options);
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  const getKeySet = () => {
    keySet ??= discoverJwksUri(options).then((jwksUri) => createRemoteJWKSet(jwksUri, { timeoutDuration: 10_000 }));
    // A failed discovery must not stay cached, or one network blip would lock every caller out.
    keySet.catch(() => (keySet = undefined));
    return keySet;
  };

  return {
    async verify(token) {
      let keys: Awaited<ReturnType<typeof getKeySet>>;
      try {
        keys = await getKeySet();
      } catch (error) {
        throw new HttpError(503, "signingKeysUnavailable", "The tenant's signing keys could not be read. Try again in a minute.", { cause: error });
      }

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: issuers,
          audience: audiences,
          algorithms: ["RS256"],
          clockTolerance: options.clockToleranceSeconds ?? 60,
          requiredClaims: ["exp", "iat"],
        }));
      } catch (error) {
        // Anything that is not a jose validation error (a failed key fetch, for one) is our fault.
        const isValidationError = error instanceof joseErrors.JOSEError && !keySetFailureCodes.has(error.code);
        if (!isValidationError) {
          throw new HttpError(503, "signingKeysUnavailable", "The tenant's signing keys could not be read. Try again in a minute.", { cause: error });
        }
        throw rejectionFor(error);
      }

      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw unauthenticated("The bearer token lacks the tid or oid claim of a user token.");
      if (claims.data.tid !== options.tenantId) throw unauthenticated("The bearer token belongs to another tenant.");
      return { ...payload, ...claims.data };
    },
  };
}
