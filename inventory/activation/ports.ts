import type { Actor, HelpdeskEvent } from "../Inventory.js";
import type { DeviceStatus, HashFunction, TimeInterval } from "../types.js";

/** A token record as self-service activation reads it from the inventory table. */
export interface ActivationToken {
  serialNumber: string;
  deviceId?: string;
  status: DeviceStatus;
  assignedUserId?: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: TimeInterval;
  /** True while an encrypted seed is stored, so a code can be checked locally. */
  seedStored: boolean;
  /** Highest time step accepted so far; a code at or before it is never accepted again. */
  lastAcceptedTimeStep?: number;
  etag: string;
}

/** What changes on a token record after a successful self-service activation. */
export interface ActivationRecord {
  userId: string;
  userPrincipalName?: string;
  displayName?: string;
  /** Time step of the accepted code, when it was checked locally. */
  timeStep?: number;
  /** Steps between the server clock and the token's clock, when checked locally. */
  driftSteps?: number;
}

/** The inventory table as self-service activation needs it. */
export interface ActivationTokenStore {
  get(serialNumber: string): Promise<ActivationToken | undefined>;
  listByUser(userId: string): Promise<ActivationToken[]>;
  /** Decrypts the stored seed (canonical Base32). A secret: never log or return it. */
  readSecretKey(token: ActivationToken): Promise<string | undefined>;
  /**
   * Marks the token activated for the user with the token's ETag, and drops the seed unless the
   * admin chose to keep it. @throws ConflictError when the record changed meanwhile.
   */
  recordActivation(token: ActivationToken, record: ActivationRecord): Promise<void>;
}

/** Parameters and result of the TOTP check; codes are 6-digit strings. */
export interface VerifyCodeParams {
  secretKey: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: TimeInterval;
  code: string;
  epochSeconds: number;
  /** Time steps accepted on either side of the current one. */
  window: number;
  /** Only time steps after this one are accepted. */
  afterTimeStep?: number;
}

export type VerifyCodeResult = { valid: true; timeStep: number; delta: number } | { valid: false };

/** One audit entry. Never carries a seed or a code. */
export interface ActivationAuditEntry {
  actor: Actor;
  action: string;
  serialNumber?: string;
  targetUser?: string;
  outcome: "succeeded" | "rejected" | "failed";
  reason?: string;
}

export interface ActivationAuditWriter {
  write(entry: ActivationAuditEntry): Promise<void>;
}

/** The helpdesk channel; failures to notify are logged, never returned to the chat user. */
export interface ActivationNotifier {
  notify(event: HelpdeskEvent): Promise<void>;
}
