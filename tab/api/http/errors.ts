import { InventoryError } from "../../../inventory/errors.js";

/** JSON body of every error response of the tab API. */
export interface ErrorBody {
  code: string;
  message: string;
}

/** An error response that the tab API decides itself (bad input, no token, missing role). */
export class HttpError extends InventoryError {
  override name = "HttpError";

  constructor(status: number, code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status, ...options });
  }
}

/**
 * Error codes that Entra ID and MSAL use when a user or admin still has to consent
 * (`AADSTS65001` surfaces as `invalid_grant`; `interaction_required` asks for a prompt).
 */
const consentErrorCodes = new Set(["invalid_grant", "interaction_required", "consent_required"]);

/** Reads the OAuth error code that MSAL, @azure/identity or our own errors carry, if any. */
function oauthErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const fields = error as { code?: unknown; errorCode?: unknown; error?: unknown };
  for (const value of [fields.errorCode, fields.error, fields.code]) {
    if (typeof value === "string" && consentErrorCodes.has(value)) return value;
  }
  return undefined;
}

/** A mapped error: the HTTP status, the body to send, and whether the server should log it. */
export interface MappedError {
  status: number;
  body: ErrorBody;
  /** True for server faults (5xx) that need a log line with the cause. */
  isFault: boolean;
}

/**
 * Maps any error to the status and `{ code, message }` body the API responds with.
 * InventoryError subclasses keep their own status, code and message, which by contract never hold
 * seeds, codes or tokens. Anything else becomes a 500 whose message names only the request id.
 */
export function mapError(error: unknown, requestId: string): MappedError {
  if (oauthErrorCode(error)) {
    return {
      status: 403,
      body: {
        code: "consent_required",
        message:
          "Consent for the Token Inventory app is missing. Grant consent in Microsoft Teams, " +
          "or ask a Microsoft Entra admin to grant admin consent for the app.",
      },
      isFault: false,
    };
  }

  if (error instanceof InventoryError) {
    const status = error.status >= 400 && error.status <= 599 ? error.status : 500;
    return { status, body: { code: error.code, message: error.message }, isFault: status >= 500 };
  }

  return {
    status: 500,
    body: {
      code: "internalError",
      message: `The server failed to handle the request. Give the request id ${requestId} to your administrator.`,
    },
    isFault: true,
  };
}
