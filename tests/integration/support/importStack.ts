import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../inventory/config.js";
import { createSeedCipher } from "../../../inventory/crypto/index.js";
import { TableImportService } from "../../../inventory/import/ImportService.js";
import type { Actor, HelpdeskEvent, ImportOptions, ImportReport, Notifier } from "../../../inventory/Inventory.js";
import { createLogger } from "../../../inventory/logger.js";
import type { SandboxKnobsUpdate } from "../../../sandbox/tenant/index.js";
import { startTestTenant } from "../../graph/support/sandbox.js";
import { collect, openStores } from "../../storage/openStores.js";

export const admin: Actor = { name: "admin@northwind.example", kind: "cli" };

/** Helpdesk events that the import reported. */
export class RecordingNotifier implements Notifier {
  readonly events: HelpdeskEvent[] = [];
  async notify(event: HelpdeskEvent): Promise<void> {
    this.events.push(event);
  }
}

/**
 * The import service over real parts: a sandbox tenant over HTTPS through the real credential and
 * Graph gateway, Azurite tables with their own prefix, and the real seed cipher.
 */
export async function startImportStack(options: { knobs?: SandboxKnobsUpdate; now?: () => number; concurrency?: number } = {}) {
  const testTenant = await startTestTenant(options.knobs);
  const graph = testTenant.gateway();
  const { stores } = await openStores("import");
  const notifier = new RecordingNotifier();
  const cipher = createSeedCipher(randomBytes(32));
  const imports = new TableImportService({
    graph,
    stores,
    cipher,
    logger: createLogger("import-test"),
    notifier: () => notifier,
    concurrency: options.concurrency ?? 4,
    now: options.now,
  });

  /** Validates, stores and runs a file given as text, as `token-inventory import` does. */
  const importText = async (fileName: string, text: string, importOptions: ImportOptions): Promise<ImportReport> => {
    const draft = await imports.createJob({ fileName, content: Buffer.from(text) }, importOptions, admin);
    return imports.run(draft.jobId!, admin);
  };

  return {
    tenant: testTenant.tenant,
    graph,
    stores,
    cipher,
    imports,
    notifier,
    importText,
    /** Devices in the sandbox tenant by serial number. */
    devicesBySerial: () => new Map(testTenant.tenant.devices().map((device) => [device.serialNumber, device])),
    auditEntries: async () => (await stores.audit.list({ pageSize: 1000 })).items,
    tokens: () => collect(stores.tokens.list({})),
    stop: () => testTenant.stop(),
  };
}

export type ImportStack = Awaited<ReturnType<typeof startImportStack>>;

/** A sample file shipped with the project. */
export function sample(name: string): string {
  return readFileSync(path.join(projectRoot, "samples", name), "utf8");
}
