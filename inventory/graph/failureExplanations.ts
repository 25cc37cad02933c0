import type { Logger } from "../logger.js";
import { GraphRequestError } from "./errors.js";
import type { GraphGateway } from "./GraphGateway.js";

/**
 * Graph rejects a duplicate serial number with 409 or, in some tenants, 400. After a 400 a lookup
 * by serial number tells a duplicate from another bad request.
 */
export async function explainCreateFailure(
  graph: Pick<GraphGateway, "findDeviceBySerial">,
  serialNumber: string,
  error: GraphRequestError,
  logger?: Logger,
): Promise<GraphRequestError> {
  if (error.code !== "badRequest") return error;

  const existing = await bestEffort(() => graph.findDeviceBySerial(serialNumber), "device lookup after a failed create", logger);
  if (!existing) return error;

  return new GraphRequestError(
    "duplicateSerial",
    `Graph already has a hardware OATH token with serial number ${serialNumber} (id ${existing.id}). Look it up instead of creating it again.`,
    { httpStatus: error.httpStatus, graphCode: error.graphCode, requestId: error.requestId, cause: error },
  );
}

/**
 * Graph rejects an assignment to a guest, or of a token that is not available, with a plain 400
 * (some tenants send 409 for the latter). Reading the user and the device tells which it was; a
 * wrong verification code stays a wrong code unless the token belongs to someone else.
 */
export async function explainAssignFailure(
  graph: Pick<GraphGateway, "getUser" | "getDevice">,
  target: { userId: string; deviceId: string },
  error: GraphRequestError,
  logger?: Logger,
): Promise<GraphRequestError> {
  if (error.code !== "badRequest" && error.code !== "invalidVerificationCode") return error;
  const details = { httpStatus: error.httpStatus, graphCode: error.graphCode, requestId: error.requestId, cause: error };

  const user = await bestEffort(() => graph.getUser(target.userId), "user lookup after a failed assignment", logger);
  if (user?.userType === "Guest") {
    return new GraphRequestError(
      "guestNotAllowed",
      `User ${user.userPrincipalName} is a guest, and guest accounts cannot hold hardware OATH tokens. Assign the token to a member account.`,
      details,
    );
  }
  if (user?.accountEnabled === false) {
    return new GraphRequestError(
      "badRequest",
      `User ${user.userPrincipalName} is disabled, so Graph cannot assign a hardware OATH token. Enable the account first.`,
      details,
    );
  }

  const device = await bestEffort(() => graph.getDevice(target.deviceId), "device lookup after a failed assignment", logger);
  if (!device || device.status === "available") return error;

  const owner = device.assignedTo?.id;
  const assignedElsewhere = owner !== undefined && owner !== target.userId && owner !== user?.id;
  if (error.code === "invalidVerificationCode" && !assignedElsewhere) return error;

  return new GraphRequestError(
    "invalidDeviceState",
    `Token ${device.serialNumber} has status ${device.status}${owner ? ` and is assigned to user ${owner}` : ""}, so it cannot be assigned. ` +
      "Unassign it first.",
    details,
  );
}

/**
 * Graph rejects a wrong code, a token that is already active and a token that is not assigned with
 * the same 400. Reading the device tells them apart: only a token assigned to this user and waiting
 * for activation makes the 400 a wrong code.
 */
export async function explainActivationFailure(
  graph: Pick<GraphGateway, "getDevice">,
  target: { userId: string; deviceId: string },
  error: GraphRequestError,
  logger?: Logger,
): Promise<GraphRequestError> {
  if (error.code !== "invalidVerificationCode") return error;

  const device = await bestEffort(() => graph.getDevice(target.deviceId), "device lookup after a failed activation", logger);
  if (!device) return error;
  const details = { httpStatus: error.httpStatus, graphCode: error.graphCode, requestId: error.requestId, cause: error };

  if (device.status === "activated") {
    return new GraphRequestError("invalidDeviceState", `Token ${device.serialNumber} is already activated; no code is needed.`, details);
  }
  if (device.status === "available") {
    return new GraphRequestError("invalidDeviceState", `Token ${device.serialNumber} is not assigned. Assign it before activating it.`, details);
  }
  return error;
}

/** Runs a lookup whose failure only means "no better explanation"; the failure is logged, not thrown. */
async function bestEffort<T>(lookup: () => Promise<T>, what: string, logger?: Logger): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (error) {
    logger?.warn({ code: (error as { code?: unknown }).code }, `The ${what} failed`);
    return undefined;
  }
}
