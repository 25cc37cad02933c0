import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { readClientCertificates } from "./appRegistration.js";
import type { TenantContext } from "./context.js";
import { tokenEndpoint } from "./openid.js";

/** Outcome of checking a client assertion; `aadstsCode` and `description` explain a rejection. */
export type AssertionCheck = { valid: true } | { valid: false; aadstsCode: number; description: string };

/**
 * Checks a client assertion (RFC 7523) the way Entra does. It must be signed with RS256 or PS256
 * by a certificate registered on the app, found by `x5t` or `x5t#S256`. Its `iss` and `sub` must
 * be the client id, its audience the token endpoint, and the current time within its validity.
 */
export async function checkClientAssertion(context: TenantContext, assertion: string, clientId: string): Promise<AssertionCheck> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { valid: false, aadstsCode: 50027, description: "JWT token is invalid or malformed." };
  }

  const certificates = await readClientCertificates(context.dataDir);
  const thumbprint = header["x5t#S256"] ?? header.x5t;
  const candidates = certificates.filter((entry) => thumbprint === undefined || entry.x5t === thumbprint || entry.x5tS256 === thumbprint);
  if (candidates.length === 0) {
    return {
      valid: false,
      aadstsCode: 700027,
      description: `The certificate with identifier used to sign the client assertion is not registered on application '${clientId}'. Register it with addClientCertificate.`,
    };
  }

  for (const candidate of candidates) {
    try {
      const { payload } = await jwtVerify(assertion, candidate.certificate.publicKey, {
        algorithms: ["RS256", "PS256"],
        audience: [tokenEndpoint(context), `${context.url}/${context.app.tenantId}/oauth2/token`],
        clockTolerance: 300,
      });
      if (payload.iss !== clientId || payload.sub !== clientId) {
        return { valid: false, aadstsCode: 700021, description: "The client assertion's iss and sub must both be the client_id." };
      }
      return { valid: true };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      if (error instanceof errors.JWTExpired) {
        return { valid: false, aadstsCode: 700024, description: "Client assertion is not within its valid time range." };
      }
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
        return { valid: false, aadstsCode: 50027, description: `Invalid JWT token: the client assertion audience must be ${tokenEndpoint(context)}.` };
      }
      if (error instanceof errors.JOSEError) {
        return { valid: false, aadstsCode: 50027, description: `JWT token is invalid or malformed (${error.code}).` };
      }
      throw error;
    }
  }
  return { valid: false, aadstsCode: 700027, description: "Client assertion failed signature validation." };
}
