import { ConflictError } from "../errors.js";
import type { Actor } from "../Inventory.js";
import type { ImportJob, ImportRowRecord, TokenRecord } from "../storage/index.js";
import type { ImportJobRunnerDeps } from "./ImportJobRunner.js";

/**
 * Mirrors an import row's device into the tokens table and audits the step that changed it. The
 * record is written with the stored ETag, so that a concurrent change (a chat activation, an
 * admin's delete) is read again and not overwritten; the write is retried on such a conflict.
 */
export async function recordToken(
  deps: Pick<ImportJobRunnerDeps, "stores" | "onTokensChanged">,
  job: ImportJob,
  row: ImportRowRecord,
  status: TokenRecord["status"],
  actor: Actor | undefined,
  action: "create" | "assign" | "activate",
  dropSeed = false,
): Promise<void> {
  const { tokens, audit } = deps.stores;
  const now = new Date().toISOString();
  for (let attempt = 1; ; attempt++) {
    const existing = await tokens.get(row.serialNumber);
    const assigned = status !== "available" && row.userId !== undefined && row.steps.assigned;
    const record: TokenRecord = {
      ...existing,
      serialNumber: row.serialNumber,
      deviceId: row.deviceId,
      manufacturer: row.manufacturer,
      model: row.model,
      displayName: row.displayName,
      hashFunction: row.hashFunction!,
      timeIntervalInSeconds: row.timeIntervalInSeconds!,
      status,
      assignedUserId: assigned ? row.userId : undefined,
      assignedUpn: assigned ? row.upn : undefined,
      assignedDisplayName: assigned ? row.userDisplayName : undefined,
      encryptedSecret: dropSeed ? undefined : (existing?.encryptedSecret ?? row.encryptedSecret),
      importJobId: row.jobId,
      keepSeed: job.keepSeeds || undefined,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    try {
      await (existing ? tokens.update(record) : tokens.create(record));
      deps.onTokensChanged?.();
      break;
    } catch (error) {
      const conflict = error instanceof ConflictError && (error.code === "etagMismatch" || error.code === "tokenExists");
      if (!conflict || attempt >= 3) throw error;
    }
  }

  if (!actor) return;
  // A device created with assignTo was assigned in the same request, so both steps are audited.
  const actions = action === "create" && row.steps.assigned ? (["create", "assign"] as const) : [action];
  for (const done of actions) {
    await audit.append({
      time: now,
      actor: actor.name,
      action: done,
      serialNumber: row.serialNumber,
      targetUser: done === "create" ? undefined : row.upn,
      outcome: "success",
      jobId: row.jobId,
    });
  }
}
