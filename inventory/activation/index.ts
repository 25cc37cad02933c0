import type { SeedCipher } from "../crypto/seedCipher.js";
import type { Notifier } from "../Inventory.js";
import type { Logger } from "../logger.js";
import type { TableStores } from "../storage/tableStores.js";
import { verifyCode } from "../totp/codes.js";
import { ActivationService, type ActivationGraph, type ActivationServiceOptions } from "./ActivationService.js";
import { AttemptLimiter, type AttemptLimits } from "./AttemptLimiter.js";
import { auditWriterOver, tokenStoreOver } from "./storageAdapters.js";

export { ActivationService, argumentPattern, codePattern } from "./ActivationService.js";
export type { ActivationOutcome, CancelOutcome, ChatUser, MyTokenLine, RejectReason } from "./types.js";

/** What {@link createActivationService} wires together. */
export interface CreateActivationServiceParams {
  graph: ActivationGraph;
  stores: Pick<TableStores, "tokens" | "audit" | "attempts" | "pendingActivations">;
  cipher: SeedCipher;
  /** Read at each event; pass `() => inventory.notifier`. */
  notifier: () => Notifier;
  logger: Logger;
  limits?: Partial<AttemptLimits>;
  now?: () => Date;
  keepSeeds?: boolean;
  options?: Pick<ActivationServiceOptions, "tenantId" | "driftWindowSteps" | "pendingSeconds" | "repeatedFailuresThreshold" | "notifyClaims">;
}

/** Creates the self-service ActivationService over the shared stores, Graph gateway and seed cipher. */
export async function createActivationService(params: CreateActivationServiceParams): Promise<ActivationService> {
  const now = params.now ?? (() => new Date());
  return new ActivationService({
    graph: params.graph,
    tokens: tokenStoreOver(params.stores.tokens, params.cipher, now, params.keepSeeds),
    pending: params.stores.pendingActivations,
    attempts: new AttemptLimiter(params.stores.attempts, params.limits),
    verifyCode,
    audit: auditWriterOver(params.stores.audit, now),
    notifier: params.notifier,
    logger: params.logger,
    now,
    ...params.options,
  });
}
