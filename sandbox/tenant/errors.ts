/**
 * Graph error responses of the sandbox tenant. A handler throws a GraphError, and the router turns
 * it into `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 */
export class GraphError extends Error {
  override name = "GraphError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 400 for a request that the caller must fix. */
export function badRequest(message: string, code = "badRequest"): GraphError {
  return new GraphError(400, code, message);
}

/** 404 for a user, device or method that does not exist. */
export function resourceNotFound(resource: string): GraphError {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${resource}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** 403 for a token without the application permission that the route needs. */
export function insufficientPrivileges(): GraphError {
  return new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
}

/** 401 for a missing, malformed, expired or foreign bearer token. */
export function invalidAuthenticationToken(reason: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", `Access token validation failure. ${reason}`, {
    "WWW-Authenticate": 'Bearer realm="", error="invalid_token"',
  });
}

/** Body of a Graph error response. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
  };
}

/** Builds the Graph error body for `error`, stamped with the request's ids. */
export function graphErrorBody(error: GraphError, requestId: string, clientRequestId: string): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ""),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  };
}
