import { InventoryError } from "../errors.js";

/** Codes of GraphRequestError. Callers branch on these, never on message text. */
export type GraphErrorCode =
  /** Graph still responded 429 after every retry. */
  | "throttled"
  /** Graph still responded 502, 503 or 504, or could not be reached, after every retry. */
  | "unavailable"
  | "notFound"
  /** 403: the app registration lacks the application permission that the message names. */
  | "permissionDenied"
  /** 400 on activation: the verification code is wrong, or it is not 6 digits. */
  | "invalidVerificationCode"
  /** 409 on create: the inventory already has a token with this serial number. */
  | "duplicateSerial"
  /** Guest accounts cannot hold hardware OATH tokens. */
  | "guestNotAllowed"
  /** The token's status does not allow the operation (for example delete while assigned). */
  | "invalidDeviceState"
  | "badRequest"
  /** No access token: wrong tenant, client id, secret or certificate, or Graph rejected the token. */
  | "authenticationFailed"
  /** A URL outside the configured Graph host, such as a foreign `@odata.nextLink`. */
  | "untrustedHost"
  /** Graph sent a response that the gateway cannot parse. */
  | "unexpectedResponse"
  | "graphError";

/** HTTP status an API layer should answer with for each code. Upstream faults are 502. */
const apiStatus: Record<GraphErrorCode, number> = {
  throttled: 429,
  unavailable: 503,
  notFound: 404,
  permissionDenied: 502,
  invalidVerificationCode: 400,
  duplicateSerial: 409,
  guestNotAllowed: 400,
  invalidDeviceState: 409,
  badRequest: 400,
  authenticationFailed: 502,
  untrustedHost: 502,
  unexpectedResponse: 502,
  graphError: 502,
};

/** Details of a failed Graph call. None of them carries a token, secret or code. */
export interface GraphErrorDetails {
  /** HTTP status from Graph; undefined when no response arrived. */
  httpStatus?: number;
  /** Graph's `error.code`, e.g. `Authorization_RequestDenied`. */
  graphCode?: string;
  /** Graph's request id, for Microsoft support. */
  requestId?: string;
  cause?: unknown;
}

/** A Graph call failed. `code` is ours; `graphCode`, `httpStatus` and `requestId` are Graph's. */
export class GraphRequestError extends InventoryError {
  override name = "GraphRequestError";
  declare readonly code: GraphErrorCode;
  readonly httpStatus?: number;
  readonly graphCode?: string;
  readonly requestId?: string;

  constructor(code: GraphErrorCode, message: string, details: GraphErrorDetails = {}) {
    super(code, message, { status: apiStatus[code], cause: details.cause });
    this.httpStatus = details.httpStatus;
    this.graphCode = details.graphCode;
    this.requestId = details.requestId;
  }
}
