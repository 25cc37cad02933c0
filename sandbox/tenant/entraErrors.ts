import type { SandboxRequest, SandboxResponse } from "./http.js";

/**
 * Builds an OAuth error response shaped like Entra's: `error`, an `error_description` that starts
 * with the AADSTS code, `error_codes` and the trace ids, which MSAL shows to the caller.
 */
export function entraError(
  request: SandboxRequest,
  status: number,
  error: string,
  aadstsCode: number,
  description: string,
): SandboxResponse {
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${aadstsCode}: ${description} Trace ID: ${request.requestId} Correlation ID: ${request.clientRequestId} Timestamp: ${timestamp}`,
      error_codes: [aadstsCode],
      timestamp,
      trace_id: request.requestId,
      correlation_id: request.clientRequestId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadstsCode}`,
    },
  };
}

/** Builds the error response for a tenant segment other than the sandbox's tenant id. */
export function tenantNotFound(request: SandboxRequest, tenant: string): SandboxResponse {
  return entraError(
    request,
    400,
    "invalid_request",
    90002,
    `Tenant '${tenant}' not found. Use the sandbox tenant id from app.json in the authority URL.`,
  );
}
