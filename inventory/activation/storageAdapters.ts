import type { SeedCipher } from "../crypto/seedCipher.js";
import { ConflictError } from "../errors.js";
import type { AuditRepository } from "../storage/auditRepository.js";
import type { TokenRecord, TokenRepository } from "../storage/tokenRepository.js";
import type { TimeInterval } from "../types.js";
import type { ActivationAuditWriter, ActivationRecord, ActivationToken, ActivationTokenStore } from "./ports.js";

/**
 * The inventory's token table as self-service activation sees it.
 * @param keepSeeds keep the encrypted seed after activation; by default it is deleted, so a stolen
 *   table cannot produce codes for active tokens.
 */
export function tokenStoreOver(tokens: TokenRepository, cipher: SeedCipher, now: () => Date, keepSeeds = false): ActivationTokenStore {
  return {
    async get(serialNumber) {
      const record = await tokens.get(serialNumber);
      return record && toActivationToken(record);
    },

    async listByUser(userId) {
      const result: ActivationToken[] = [];
      for await (const record of tokens.listByUser(userId)) result.push(toActivationToken(record));
      return result;
    },

    async readSecretKey(token) {
      const record = await tokens.get(token.serialNumber);
      return record?.encryptedSecret ? cipher.decrypt(record.encryptedSecret) : undefined;
    },

    async recordActivation(token, activation) {
      // Graph has activated the token already, so a concurrent change is applied over once more.
      const current = await tokens.get(token.serialNumber);
      if (!current) return;
      try {
        await tokens.update(activated(current, activation, now(), keepSeeds));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const again = await tokens.get(token.serialNumber);
        if (again) await tokens.update(activated(again, activation, now(), keepSeeds));
      }
    },
  };
}

function activated(record: TokenRecord, activation: ActivationRecord, time: Date, keepSeeds: boolean): TokenRecord {
  const lastAcceptedTimeStep =
    activation.timeStep === undefined ? record.lastAcceptedTimeStep : Math.max(activation.timeStep, record.lastAcceptedTimeStep ?? 0);
  return {
    ...record,
    status: "activated",
    assignedUserId: activation.userId,
    assignedUpn: activation.userPrincipalName ?? record.assignedUpn,
    assignedDisplayName: activation.displayName ?? record.assignedDisplayName,
    lastAcceptedTimeStep,
    driftSteps: activation.driftSteps ?? record.driftSteps,
    encryptedSecret: keepSeeds || record.keepSeed ? record.encryptedSecret : undefined,
    updatedAt: time.toISOString(),
  };
}

function toActivationToken(record: TokenRecord): ActivationToken {
  return {
    serialNumber: record.serialNumber,
    deviceId: record.deviceId,
    status: record.status,
    assignedUserId: record.assignedUserId,
    hashFunction: record.hashFunction,
    timeIntervalInSeconds: record.timeIntervalInSeconds as TimeInterval,
    seedStored: Boolean(record.encryptedSecret),
    lastAcceptedTimeStep: record.lastAcceptedTimeStep,
    etag: record.etag ?? "",
  };
}

/** Writes activation audit entries into the shared audit table. */
export function auditWriterOver(audit: AuditRepository, now: () => Date): ActivationAuditWriter {
  const outcomes = { succeeded: "success", failed: "failure", rejected: "rejected" } as const;
  return {
    async write(entry) {
      await audit.append({
        time: now().toISOString(),
        actor: entry.actor.name,
        action: entry.action,
        serialNumber: entry.serialNumber,
        targetUser: entry.targetUser,
        outcome: outcomes[entry.outcome],
        reason: entry.reason,
      });
    },
  };
}
