import type { Logger } from "../logger.js";
import type { Actor } from "../Inventory.js";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { GraphRequestError } from "../graph/errors.js";
import type { DirectoryUser, HardwareOathDevice } from "../types.js";
import type { AttemptLimiter } from "./AttemptLimiter.js";
import type { PendingActivationStore } from "../storage/pendingActivationRepository.js";
import type {
  ActivationAuditEntry,
  ActivationAuditWriter,
  ActivationNotifier,
  ActivationToken,
  ActivationTokenStore,
  VerifyCodeParams,
  VerifyCodeResult,
} from "./ports.js";
import { serialNumberPattern } from "../formats/serialNumber.js";
import { isGuest } from "../users/UserResolver.js";
import { PerUserQueue } from "./PerUserQueue.js";
import { reject } from "./rejections.js";
import type { ActivationOutcome, CancelOutcome, ChatUser, MyTokenLine } from "./types.js";

/** Serial numbers and codes as the chat may send them, checked before any query: the importer's serial rules. */
export const argumentPattern = serialNumberPattern;

/** A code is exactly six digits and stays a string, so leading zeros survive. */
export const codePattern = /^[0-9]{6}$/u;

/** Graph calls that self-service activation makes. */
export type ActivationGraph = Pick<
  GraphGateway,
  "getUser" | "getDevice" | "findDeviceBySerial" | "assignAndActivateDevice" | "activateDevice" | "unassignDevice"
>;

/** Everything the service works with; the storage, Graph and TOTP parts are shared with the rest of the inventory. */
export interface ActivationServiceOptions {
  graph: ActivationGraph;
  tokens: ActivationTokenStore;
  pending: Pick<PendingActivationStore, "upsert" | "list" | "delete">;
  attempts: Pick<AttemptLimiter, "lockedUntil" | "recordFailure" | "reset">;
  verifyCode: (params: VerifyCodeParams) => VerifyCodeResult;
  audit: ActivationAuditWriter;
  /** Read at each event, because the bot sets the inventory's notifier after the service exists. */
  notifier: () => ActivationNotifier;
  logger: Logger;
  now?: () => Date;
  /** When set, users of other tenants are rejected. */
  tenantId?: string;
  /**
   * Time steps on either side of now in which a locally checked code is accepted. Hardware tokens
   * drift a few minutes over their life; Entra itself accepts far more at activation.
   * @default 10
   */
  driftWindowSteps?: number;
  /** How long a claim waits for its code. @default 3600 */
  pendingSeconds?: number;
  /** Failed codes within the window after which the helpdesk hears of it. @default 3 */
  repeatedFailuresThreshold?: number;
  /** Tell the helpdesk about every claimed token. @default false */
  notifyClaims?: boolean;
}

type Resolved = { user: DirectoryUser; actor: Actor } | Extract<ActivationOutcome, { kind: "rejected" }>;

/**
 * Self-service claim and activation of hardware tokens by the person chatting with the bot.
 * Possession is proven by a code: a token is never assigned to a chat user without a code that
 * either the stored seed or Graph accepted, and a wrong code leaves the token as it was.
 */
export class ActivationService {
  private readonly now: () => Date;
  private readonly driftWindowSteps: number;
  private readonly pendingSeconds: number;
  private readonly repeatedFailuresThreshold: number;
  private readonly codeChecks = new PerUserQueue();

  constructor(private readonly options: ActivationServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.driftWindowSteps = options.driftWindowSteps ?? 10;
    this.pendingSeconds = options.pendingSeconds ?? 3600;
    this.repeatedFailuresThreshold = options.repeatedFailuresThreshold ?? 3;
  }

  /**
   * Starts the activation of a token by serial number, or completes a pending one when the
   * argument is not a known serial but six digits. A known serial always wins over a code.
   * With `code` the activation completes in the same call.
   */
  async claim(chatUser: ChatUser, argument: string, code?: string): Promise<ActivationOutcome> {
    const resolved = await this.resolveUser(chatUser);
    if ("kind" in resolved) return resolved;
    const { user, actor } = resolved;

    if (!argumentPattern.test(argument)) {
      return this.rejected(actor, "activationRequested", reject("invalidArgument"));
    }

    const token = await this.options.tokens.get(argument);
    if (!token && code === undefined && codePattern.test(argument)) {
      return this.completeFor(user, actor, argument, undefined);
    }
    if (!token) {
      return this.rejected(actor, "activationRequested", reject("unknownToken", { serialNumber: argument }));
    }

    const refusal = refuseClaim(token, user.id);
    if (refusal) return this.rejected(actor, "activationRequested", refusal);

    const lockedUntil = await this.options.attempts.lockedUntil(user.id, this.now());
    if (lockedUntil) return this.rejected(actor, "activationRequested", reject("locked", { lockedUntil }));

    const createdAt = this.now();
    await this.options.pending.upsert({
      userId: user.id,
      serialNumber: token.serialNumber,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + this.pendingSeconds * 1000).toISOString(),
    });
    await this.writeAudit({ actor, action: "activationRequested", serialNumber: token.serialNumber, outcome: "succeeded" });

    if (code !== undefined) return this.completeFor(user, actor, code, token.serialNumber);
    return { kind: "needCode", serialNumber: token.serialNumber };
  }

  /** Completes the user's pending activation with the code shown on the token. */
  async complete(chatUser: ChatUser, code: string, serialNumber?: string): Promise<ActivationOutcome> {
    const resolved = await this.resolveUser(chatUser);
    if ("kind" in resolved) return resolved;
    return this.completeFor(resolved.user, resolved.actor, code, serialNumber);
  }

  /** Lists the tokens assigned to the user and those waiting for a code. */
  async myTokens(chatUser: ChatUser): Promise<MyTokenLine[]> {
    const userId = chatUser.aadObjectId;
    const [tokens, pending] = await Promise.all([
      this.options.tokens.listByUser(userId),
      this.options.pending.list(userId, this.now()),
    ]);

    const lines = new Map<string, MyTokenLine>();
    for (const token of tokens) {
      lines.set(token.serialNumber, { serialNumber: token.serialNumber, status: token.status, pending: false });
    }
    for (const item of pending) {
      const known = lines.get(item.serialNumber);
      const token = known ?? (await this.options.tokens.get(item.serialNumber));
      if (!token) continue;
      lines.set(item.serialNumber, { serialNumber: item.serialNumber, status: token.status, pending: true });
    }
    return [...lines.values()].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber));
  }

  /** Drops every pending activation of the user; tokens stay as they are. */
  async cancel(chatUser: ChatUser): Promise<CancelOutcome> {
    const userId = chatUser.aadObjectId;
    const pending = await this.options.pending.list(userId, this.now());
    for (const item of pending) await this.options.pending.delete(userId, item.serialNumber);
    return { kind: "cancelled", serialNumbers: pending.map((item) => item.serialNumber) };
  }

  /** Clears the user's failed codes and lock, for the helpdesk. */
  async resetAttempts(userId: string, actor: Actor): Promise<void> {
    const cleared = await this.options.attempts.reset(userId);
    await this.writeAudit({ actor, action: "resetAttempts", targetUser: userId, outcome: "succeeded" });
    this.options.logger.info({ userId, cleared }, "failed code attempts reset");
  }

  /** Checks one code at a time per user, so that the failed-code limit holds for bursts of messages. */
  private completeFor(user: DirectoryUser, actor: Actor, code: string, serialNumber: string | undefined): Promise<ActivationOutcome> {
    return this.codeChecks.run(user.id, () => this.completeNow(user, actor, code, serialNumber));
  }

  private async completeNow(
    user: DirectoryUser,
    actor: Actor,
    code: string,
    serialNumber: string | undefined,
  ): Promise<ActivationOutcome> {
    if (!codePattern.test(code)) return this.rejected(actor, "activate", reject("invalidCode", { serialNumber }));
    if (serialNumber !== undefined && !argumentPattern.test(serialNumber)) {
      return this.rejected(actor, "activate", reject("invalidArgument"));
    }

    const lockedUntil = await this.options.attempts.lockedUntil(user.id, this.now());
    if (lockedUntil) return this.rejected(actor, "activate", reject("locked", { serialNumber, lockedUntil }));

    const pending = await this.options.pending.list(user.id, this.now());
    if (serialNumber === undefined && pending.length === 0) return this.rejected(actor, "activate", reject("noPending"));
    if (serialNumber === undefined && pending.length > 1) {
      return { kind: "chooseToken", serialNumbers: pending.map((item) => item.serialNumber) };
    }
    const chosen = serialNumber ?? pending[0]!.serialNumber;
    if (!pending.some((item) => item.serialNumber === chosen)) {
      return this.rejected(actor, "activate", reject("notPending", { serialNumber: chosen }));
    }

    const token = await this.options.tokens.get(chosen);
    const refusal = token ? refuseClaim(token, user.id) : reject("unknownToken", { serialNumber: chosen });
    if (refusal || !token) {
      await this.options.pending.delete(user.id, chosen);
      return this.rejected(actor, "activate", refusal ?? reject("unknownToken", { serialNumber: chosen }));
    }

    return this.activate(user, actor, token, code);
  }

  private async activate(user: DirectoryUser, actor: Actor, token: ActivationToken, code: string): Promise<ActivationOutcome> {
    const serialNumber = token.serialNumber;
    const device = await this.findDevice(token);
    if (!device) return this.rejected(actor, "activate", reject("unknownToken", { serialNumber }));
    const refusal = refuseDevice(device, user.id);
    if (refusal) {
      await this.options.pending.delete(user.id, serialNumber);
      return this.rejected(actor, "activate", refusal);
    }

    // Where the seed is stored the code is checked here first, so a wrong code never reaches Graph.
    let check: Extract<VerifyCodeResult, { valid: true }> | undefined;
    const secretKey = token.seedStored ? await this.options.tokens.readSecretKey(token) : undefined;
    if (secretKey) {
      const result = this.options.verifyCode({
        secretKey,
        hashFunction: token.hashFunction,
        timeIntervalInSeconds: token.timeIntervalInSeconds,
        code,
        epochSeconds: Math.floor(this.now().getTime() / 1000),
        window: this.driftWindowSteps,
        afterTimeStep: token.lastAcceptedTimeStep,
      });
      if (!result.valid) return this.failCode(user, actor, serialNumber);
      check = result;
    }

    const alreadyAssigned = device.assignedTo?.id === user.id;
    try {
      if (alreadyAssigned) await this.options.graph.activateDevice(user.id, device.id, code);
      else await this.options.graph.assignAndActivateDevice(user.id, device.id, code);
    } catch (error) {
      return this.handleGraphFailure(error, { user, actor, serialNumber, deviceId: device.id, alreadyAssigned });
    }

    await this.options.tokens.recordActivation(token, {
      userId: user.id,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      timeStep: check?.timeStep,
      driftSteps: check?.delta,
    });
    await this.options.pending.delete(user.id, serialNumber);
    await this.writeAudit({ actor, action: "activate", serialNumber, targetUser: user.userPrincipalName, outcome: "succeeded" });
    this.options.logger.info({ serialNumber, userId: user.id, driftSteps: check?.delta }, "token activated by its holder");
    if (this.options.notifyClaims) {
      await this.notify({ kind: "tokenClaimed", userId: user.id, userPrincipalName: user.userPrincipalName, serialNumber });
    }
    return { kind: "activated", serialNumber, driftSteps: check?.delta };
  }

  private async handleGraphFailure(
    error: unknown,
    context: { user: DirectoryUser; actor: Actor; serialNumber: string; deviceId: string; alreadyAssigned: boolean },
  ): Promise<ActivationOutcome> {
    const { user, actor, serialNumber } = context;
    if (!(error instanceof GraphRequestError)) throw error;

    if (error.code === "invalidVerificationCode") {
      // assignAndActivate may leave the token assigned with a failed activation: undo that.
      if (!context.alreadyAssigned) await this.undoAssignment(user.id, context.deviceId, serialNumber);
      return this.failCode(user, actor, serialNumber);
    }
    if (error.code === "guestNotAllowed") return this.rejected(actor, "activate", reject("guest", { serialNumber }));
    if (error.code === "permissionDenied") {
      await this.notify({ kind: "permissionMissing", permission: error.graphCode ?? "UserAuthenticationMethod.ReadWrite.All", operation: "activate" });
    }

    this.options.logger.error({ err: error, code: error.code, serialNumber, userId: user.id }, "Graph activation failed");
    await this.writeAudit({ actor, action: "activate", serialNumber, targetUser: user.userPrincipalName, outcome: "failed", reason: error.code });
    return reject("graphFailed", { serialNumber });
  }

  private async undoAssignment(userId: string, deviceId: string, serialNumber: string): Promise<void> {
    try {
      const device = await this.options.graph.getDevice(deviceId);
      if (device?.assignedTo?.id === userId) await this.options.graph.unassignDevice(userId, deviceId);
    } catch (error) {
      this.options.logger.error({ err: error, serialNumber, userId }, "could not unassign a token after a wrong code; unassign it by hand");
      await this.writeAudit({ actor: { name: "system", kind: "system" }, action: "unassign", serialNumber, targetUser: userId, outcome: "failed", reason: "afterWrongCode" });
    }
  }

  private async failCode(user: DirectoryUser, actor: Actor, serialNumber: string): Promise<ActivationOutcome> {
    const count = await this.options.attempts.recordFailure(user.id, this.now());
    await this.writeAudit({ actor, action: "activate", serialNumber, targetUser: user.userPrincipalName, outcome: "rejected", reason: "wrongCode" });

    const event = { userId: user.id, userPrincipalName: user.userPrincipalName, serialNumber, attempts: count.failures };
    if (count.lockedUntil) {
      await this.notify({ kind: "activationLockout", ...event, lockedUntil: count.lockedUntil });
      return reject("locked", { serialNumber, lockedUntil: count.lockedUntil });
    }
    if (count.failures === this.repeatedFailuresThreshold) await this.notify({ kind: "repeatedFailures", ...event });
    return reject("wrongCode", { serialNumber });
  }

  private async findDevice(token: ActivationToken): Promise<HardwareOathDevice | undefined> {
    if (token.deviceId) return this.options.graph.getDevice(token.deviceId);
    return this.options.graph.findDeviceBySerial(token.serialNumber);
  }

  private async resolveUser(chatUser: ChatUser): Promise<Resolved> {
    const anonymous: Actor = { id: chatUser.aadObjectId, name: chatUser.aadObjectId, kind: "user" };
    if (this.options.tenantId && chatUser.tenantId && chatUser.tenantId !== this.options.tenantId) {
      return this.rejected(anonymous, "activationRequested", reject("wrongTenant"));
    }

    const user = await this.options.graph.getUser(chatUser.aadObjectId);
    if (!user) return this.rejected(anonymous, "activationRequested", reject("userNotFound"));

    const actor: Actor = { id: user.id, name: user.userPrincipalName, kind: "user" };
    if (isGuest(user)) {
      return this.rejected(actor, "activationRequested", reject("guest"));
    }
    if (!user.accountEnabled) return this.rejected(actor, "activationRequested", reject("disabled"));
    return { user, actor };
  }

  private async rejected<T extends Extract<ActivationOutcome, { kind: "rejected" }>>(actor: Actor, action: string, outcome: T): Promise<T> {
    // An unknown "serial number" is whatever the user typed, which may be a code or a pasted seed:
    // the audit records the rejection without it.
    const serialNumber = outcome.reason === "unknownToken" ? undefined : outcome.serialNumber;
    await this.writeAudit({ actor, action, serialNumber, outcome: "rejected", reason: outcome.reason });
    return outcome;
  }

  private async writeAudit(entry: ActivationAuditEntry): Promise<void> {
    await this.options.audit.write(entry);
  }

  private async notify(event: Parameters<ActivationNotifier["notify"]>[0]): Promise<void> {
    try {
      await this.options.notifier().notify(event);
    } catch (error) {
      this.options.logger.error({ err: error, kind: event.kind }, "helpdesk notification failed");
    }
  }
}

/** Rejects a claim on a token that belongs to someone else or is already active. */
function refuseClaim(token: ActivationToken, userId: string) {
  if (token.assignedUserId && token.assignedUserId !== userId) return reject("otherUser", { serialNumber: token.serialNumber });
  if (token.status === "activated") return reject("alreadyActive", { serialNumber: token.serialNumber });
  return undefined;
}

/** The same rules on Graph's view of the device, which wins when the inventory table is stale. */
function refuseDevice(device: HardwareOathDevice, userId: string) {
  if (device.assignedTo && device.assignedTo.id !== userId) return reject("otherUser", { serialNumber: device.serialNumber });
  if (device.status === "activated") return reject("alreadyActive", { serialNumber: device.serialNumber });
  return undefined;
}
