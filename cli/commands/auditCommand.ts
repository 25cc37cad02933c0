import { withInventory } from "../context.js";
import { formatTable } from "../output.js";

/** `audit [--json] [--limit N]`: the newest audit entries first. */
export async function auditCommand(options: { json?: boolean; limit?: number; action?: string; serial?: string }): Promise<number> {
  return withInventory(undefined, async ({ inventory }) => {
    const page = await inventory.audit.list({ pageSize: options.limit ?? 50, action: options.action, serialNumber: options.serial });
    if (options.json) {
      process.stdout.write(JSON.stringify(page.items, null, 2) + "\n");
      return 0;
    }
    const rows = page.items.map((entry) => [entry.time, entry.actor, entry.action, entry.serialNumber ?? "", entry.targetUser ?? "", entry.outcome, entry.reason ?? ""]);
    process.stdout.write(formatTable(["time", "actor", "action", "serial", "user", "outcome", "reason"], rows) + "\n");
    return 0;
  });
}
