import { GraphError } from "@microsoft/microsoft-graph-client";
import { unwrapCarriedError } from "./carriedError.js";
import { GraphRequestError, type GraphErrorCode } from "./errors.js";
import { graphPermissions, type GraphOperation } from "./permissions.js";

/** Operations whose request body carries a seed or a verification code. */
const secretBearingOperations: ReadonlySet<GraphOperation> = new Set(["createDevice", "activateDevice", "assignAndActivateDevice"]);

/** Operations that send a verification code. */
const activationOperations: ReadonlySet<GraphOperation> = new Set(["activateDevice", "assignAndActivateDevice"]);

/** Graph `error.code` values, lower-cased, that mean the user is a guest. */
const guestCodes: ReadonlySet<string> = new Set(["guestusernotallowed", "guestnotallowed", "guestuser"]);

/** Graph `error.code` values, lower-cased, that mean the device's status forbids the operation. */
const deviceStateCodes: ReadonlySet<string> = new Set([
  "invaliddevicestate",
  "devicealreadyassigned",
  "alreadyassigned",
  "devicenotavailable",
  "deviceassigned",
]);

/**
 * Maps a failure of one Graph call to a GraphRequestError. Decisions use the HTTP status, Graph's
 * `error.code` and the operation, never Graph's message text.
 */
export function toGraphRequestError(operation: GraphOperation, error: unknown): GraphRequestError {
  const carried = unwrapCarriedError(error);
  if (carried) return carried;
  if (error instanceof GraphRequestError) return error;
  if (!(error instanceof GraphError)) {
    return new GraphRequestError("graphError", `${capitalize(describe(operation))} failed inside the Graph client: ${errorName(error)}.`, {
      cause: error,
    });
  }

  const httpStatus = error.statusCode;
  const graphCode = error.code ?? undefined;
  const requestId = error.requestId ?? error.headers?.get("request-id") ?? undefined;
  const code = chooseCode(operation, httpStatus, graphCode);
  const message = composeMessage(operation, code, httpStatus, graphCode, graphMessage(operation, error));
  const suffix = requestId ? ` (Graph request-id ${requestId})` : "";

  return new GraphRequestError(code, message + suffix, { httpStatus, graphCode, requestId });
}

function chooseCode(operation: GraphOperation, httpStatus: number, graphCode: string | undefined): GraphErrorCode {
  const normalized = graphCode?.toLowerCase() ?? "";
  if (guestCodes.has(normalized)) return "guestNotAllowed";
  if (deviceStateCodes.has(normalized)) return "invalidDeviceState";

  switch (httpStatus) {
    case 401:
      return "authenticationFailed";
    case 403:
      return "permissionDenied";
    case 404:
      return "notFound";
    case 409:
      return operation === "createDevice" ? "duplicateSerial" : "invalidDeviceState";
    case 429:
      return "throttled";
    case 502:
    case 503:
    case 504:
      return "unavailable";
    case 400:
      if (activationOperations.has(operation)) return "invalidVerificationCode";
      return "badRequest";
    default:
      return "graphError";
  }
}

function composeMessage(
  operation: GraphOperation,
  code: GraphErrorCode,
  httpStatus: number,
  graphCode: string | undefined,
  detail: string,
): string {
  const action = describe(operation);
  const answer = `HTTP ${httpStatus}${graphCode ? ` ${graphCode}` : ""}`;

  switch (code) {
    case "permissionDenied": {
      const { permission } = graphPermissions[operation];
      return `Graph denied ${action}: grant the application permission ${permission} and admin consent.`;
    }
    case "authenticationFailed":
      return `Graph rejected the access token while ${action} (${answer}). Check AZURE_TENANT_ID, AZURE_CLIENT_ID and GRAPH_BASE_URL.`;
    case "notFound":
      return activationOperations.has(operation)
        ? `Graph found no assigned token for ${action} (${answer}). Check the user and token ids; right after an assignment, wait a few seconds and try again.`
        : `Graph found nothing for ${action} (${answer}). Check the id.`;
    case "throttled":
      return `Graph kept throttling ${action} after every retry (${answer}). Wait a minute, or lower the import concurrency.`;
    case "unavailable":
      return `Graph stayed unavailable while ${action} after every retry (${answer}). Try again later.`;
    case "invalidVerificationCode":
      return `Graph rejected the verification code while ${action} (${answer}). Enter the code now shown on the token.`;
    case "duplicateSerial":
      return `Graph already has a hardware OATH token with this serial number (${answer}). Look it up by serial number instead of creating it again.`;
    case "guestNotAllowed":
      return `Graph refused ${action} because the user is a guest (${answer}). Guest accounts cannot hold hardware OATH tokens.`;
    case "invalidDeviceState":
      return `The token's status does not allow ${action} (${answer}). Read the token's status, then unassign or reassign it first.`;
    default:
      return `Graph failed ${action} (${answer})${detail}.`;
  }
}

/** Graph's own message as `: …`, left out where the request carried a seed or code that it might echo. */
function graphMessage(operation: GraphOperation, error: GraphError): string {
  if (secretBearingOperations.has(operation) || !error.message) return "";
  return `: ${error.message}`;
}

function describe(operation: GraphOperation): string {
  return graphPermissions[operation].action;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
