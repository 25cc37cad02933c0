import type { InventoryConfig } from "../config.js";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { checkGrantedPermissions } from "../graph/permissions.js";
import type { PermissionCheck, ServiceStatus, StatusService } from "../Inventory.js";
import type { TableStores } from "../storage/index.js";
import { findingsOf } from "./findings.js";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "unknown error";
}

/** Reports what is configured and reachable: tenant, Graph permissions, storage, bot and helpdesk. */
export class GraphStatusService implements StatusService {
  constructor(
    private readonly deps: {
      config: InventoryConfig;
      graph: GraphGateway;
      stores: TableStores;
      tenantId?: string;
      clientId?: string;
      graphBaseUrl: string;
      /** Whether a helpdesk conversation is registered, and whether the bot was removed from it since. */
      helpdeskChannel: () => Promise<{ configured: boolean; stale: boolean }>;
    },
  ) {}

  async check(): Promise<ServiceStatus> {
    const { config, graph, stores } = this.deps;

    let granted: string[] = [];
    let graphError: string | undefined;
    try {
      granted = await graph.grantedPermissions();
    } catch (error) {
      graphError = messageOf(error);
    }
    const permissions: PermissionCheck[] = checkGrantedPermissions(granted);

    let storageError: string | undefined;
    try {
      await stores.importJobs.list({ limit: 1 });
    } catch (error) {
      storageError = messageOf(error);
    }

    let helpdesk = { configured: false, stale: false };
    try {
      helpdesk = await this.deps.helpdeskChannel();
    } catch (error) {
      // Storage faults are reported under storage already; the channel then counts as unknown.
      storageError ??= messageOf(error);
    }

    const status = {
      tenant: { sandbox: config.sandbox, tenantId: this.deps.tenantId, clientId: this.deps.clientId, graphBaseUrl: this.deps.graphBaseUrl },
      graph: { reachable: graphError === undefined, ...(graphError ? { error: graphError } : {}), permissions },
      storage: { reachable: storageError === undefined, ...(storageError ? { error: storageError } : {}) },
      helpdesk,
      bot: { configured: Boolean(config.botId && config.botPassword) },
    };
    return { ...status, findings: findingsOf(config, status) };
  }
}
