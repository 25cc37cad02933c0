import { ValidationError } from "../errors.js";
import type { AuditQuery, AuditRecord, AuditService } from "../Inventory.js";
import type { AuditOutcome, AuditRepository } from "../storage/index.js";

const outcomes: AuditOutcome[] = ["success", "failure", "rejected"];

/** Reading the audit log; entries are written by the services that act. */
export class TableAuditService implements AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQuery): Promise<{ items: AuditRecord[]; continuationToken?: string }> {
    if (query.outcome !== undefined && !outcomes.includes(query.outcome as AuditOutcome)) {
      throw new ValidationError("invalidOutcome", `Outcome "${query.outcome}" is not known; use one of ${outcomes.join(", ")}.`);
    }
    const page = await this.audit.list({ ...query, outcome: query.outcome as AuditOutcome | undefined });
    return {
      items: page.items.map(({ time, actor, action, serialNumber, targetUser, outcome, reason, jobId }) => ({
        time,
        actor,
        action,
        serialNumber,
        targetUser,
        outcome,
        reason,
        jobId,
      })),
      continuationToken: page.continuationToken,
    };
  }
}
