import { looksLikeSecret } from "../formats/serialNumber.js";
import type { ActivationOutcome, RejectReason } from "./types.js";

/** Builds a rejected outcome with the reply text for its reason. */
export function reject(
  reason: RejectReason,
  details: { serialNumber?: string; lockedUntil?: string } = {},
): Extract<ActivationOutcome, { kind: "rejected" }> {
  // A "serial number" shaped like a seed (pasted by mistake) is neither echoed nor audited.
  const shown = details.serialNumber !== undefined && looksLikeSecret(details.serialNumber) ? { ...details, serialNumber: undefined } : details;
  return { kind: "rejected", reason, message: rejectionMessage(reason, shown), ...shown };
}

function rejectionMessage(reason: RejectReason, details: { serialNumber?: string; lockedUntil?: string }): string {
  const token = details.serialNumber ? `token ${details.serialNumber}` : "this token";
  switch (reason) {
    case "invalidArgument":
      return "There is no such token. Send the serial number printed on the back of the token (letters, digits and - _ . / only), or the 6-digit code it shows.";
    case "invalidCode":
      return "A code has exactly 6 digits. Press the button on the token and send the 6 digits it shows.";
    case "unknownToken":
      return `There is no token ${details.serialNumber ? `with serial number ${details.serialNumber} ` : ""}in the inventory. Check the serial number on the back of the token, or ask the helpdesk.`;
    case "otherUser":
      return `The ${token} belongs to someone else, so it cannot be activated for you. Ask the helpdesk if you hold it.`;
    case "alreadyActive":
      return `The ${token} is already activated. Nothing was changed.`;
    case "wrongCode":
      return `The code did not match ${token}. Press the button on the token and send the new code.`;
    case "guest":
      return "Guest accounts cannot hold hardware tokens. Ask the helpdesk of your own organisation.";
    case "disabled":
      return "Your account is disabled, so no token can be activated for it. Ask the helpdesk.";
    case "userNotFound":
      return "Your account was not found in the directory. Ask the helpdesk.";
    case "wrongTenant":
      return "This bot serves another organisation, so it cannot activate a token for your account.";
    case "locked":
      return `Too many wrong codes. Try again after ${details.lockedUntil ?? "a while"}; the helpdesk has been told.`;
    case "noPending":
      return "No activation is waiting for a code. Send `activate my token <serial number>` first.";
    case "notPending":
      return `No activation of ${token} is waiting for a code. Send \`activate my token ${details.serialNumber ?? "<serial number>"}\` first.`;
    case "graphFailed":
      return `The ${token} could not be activated right now. Nothing was changed; try again in a few minutes.`;
  }
}
