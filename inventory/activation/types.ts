import type { DeviceStatus } from "../types.js";

/** The person chatting, as the Teams activity names them. The bot acts for this user alone. */
export interface ChatUser {
  /** Entra object id from `activity.from.aadObjectId`. */
  aadObjectId: string;
  /** Tenant from the activity's channel data or conversation. */
  tenantId?: string;
}

/** Why a request was rejected. The bot may branch on it; `message` is the reply text. */
export type RejectReason =
  | "invalidArgument"
  | "invalidCode"
  | "unknownToken"
  | "otherUser"
  | "alreadyActive"
  | "wrongCode"
  | "guest"
  | "disabled"
  | "userNotFound"
  | "wrongTenant"
  | "locked"
  | "noPending"
  | "notPending"
  | "graphFailed";

/** Result of a self-service request. Expected failures are values, never exceptions. */
export type ActivationOutcome =
  /** The token can be claimed; the user must now send the code shown on it. */
  | { kind: "needCode"; serialNumber: string }
  | { kind: "activated"; serialNumber: string; driftSteps?: number }
  /** The user has several pending tokens and sent a code without a serial. */
  | { kind: "chooseToken"; serialNumbers: string[] }
  | { kind: "rejected"; reason: RejectReason; message: string; serialNumber?: string; lockedUntil?: string };

/** One line of `my tokens`. */
export interface MyTokenLine {
  serialNumber: string;
  status: DeviceStatus;
  /** True while an activation waits for the code. */
  pending: boolean;
}

/** Result of `cancel`. */
export interface CancelOutcome {
  kind: "cancelled";
  serialNumbers: string[];
}
