import { ValidationError } from "../errors.js";

/** Field names that carry secrets. An audit entry containing one, at any depth, is rejected. */
const secretFieldNames = new Set(
  ["secretKey", "secret", "encryptedSecret", "verificationCode", "otp", "password", "clientSecret",
    "accessToken", "refreshToken", "authorization", "bearer", "seed"].map((name) => name.toLowerCase()),
);

/** Text shaped like a TOTP seed: 16 or more Base32 characters, or 32 or more hex digits in one run. */
const seedLikeText = /(?<![A-Za-z0-9])(?:[A-Z2-7]{16,}=*|[0-9a-fA-F]{32,})(?![A-Za-z0-9])/;
/** A bearer token, a JWT, or a value sealed by the seed cipher. */
const tokenLikeText = /\bBearer\s+\S+|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.|\bv1\.[A-Za-z0-9_-]{40,}/;

/**
 * Rejects audit text and details that look like they contain a secret. This is a safety net for
 * the obvious cases (secret field names, seed-shaped or token-shaped text), not a proof:
 * callers must never pass seeds, codes or tokens to the audit log.
 * @throws ValidationError `secretInAuditEntry`, naming the field but not its value.
 */
export function assertNoSecrets(field: string, value: unknown): void {
  if (typeof value === "string") {
    if (seedLikeText.test(value) || tokenLikeText.test(value)) {
      throw new ValidationError(
        "secretInAuditEntry",
        `Audit field ${field} looks like it contains a seed or token; audit entries must not contain secrets.`,
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(`${field}[${index}]`, item));
    return;
  }
  if (value && typeof value === "object") {
    for (const [name, item] of Object.entries(value)) {
      if (secretFieldNames.has(name.toLowerCase())) {
        throw new ValidationError(
          "secretInAuditEntry",
          `Audit field ${field}.${name} is a secret field; audit entries must not contain secrets.`,
        );
      }
      assertNoSecrets(`${field}.${name}`, item);
    }
  }
}
