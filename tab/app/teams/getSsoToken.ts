/** Teams could not hand out an SSO token; `consentRequired` when the user or an admin must consent first. */
export class SsoError extends Error {
  override name = "SsoError";

  constructor(
    message: string,
    readonly consentRequired: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** Reasons (teams-js rejects with them as the error message) that mean consent is missing. */
const consentReasons = new Set(["resourceRequiresConsent", "consent_required", "interaction_required", "invalid_grant"]);

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Gets the Teams SSO token for the tab's own API. Tries silently first; when that fails (in some
 * tenants with `resourceRequiresConsent`), tries once more with `silent: false`, which lets Teams
 * show its consent prompt.
 * @throws SsoError when both attempts fail.
 */
export async function getSsoToken(): Promise<string> {
  const { authentication } = await import("@microsoft/teams-js");
  let firstReason: string;
  try {
    return await authentication.getAuthToken({ silent: true });
  } catch (error) {
    firstReason = reasonOf(error);
  }

  try {
    return await authentication.getAuthToken({ silent: false });
  } catch (error) {
    const reason = reasonOf(error);
    const consentRequired = consentReasons.has(firstReason) || consentReasons.has(reason);
    throw new SsoError(`Microsoft Teams did not provide a sign-in token (${reason}).`, consentRequired, { cause: error });
  }
}

/** Reads the expiry (`exp`, in ms) of a JWT without checking it; the server does the checking. */
export function tokenExpiry(token: string): number {
  const payload = token.split(".")[1] ?? "";
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/** Wraps {@link getSsoToken} with a cache that renews the token 5 minutes before it expires. */
export function createSsoTokenProvider(): () => Promise<string> {
  let cached: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (cached && cached.expiresAt - Date.now() > 5 * 60_000) return cached.token;
    const token = await getSsoToken();
    cached = { token, expiresAt: tokenExpiry(token) };
    return token;
  };
}
