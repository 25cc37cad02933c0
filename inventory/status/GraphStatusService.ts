import type { InventoryConfig } from "../config.js";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { graphPermissions } from "../graph/permissions.js";
import type { PermissionCheck, ServiceStatus, StatusService } from "../Inventory.js";
import type { TableStores } from "../storage/index.js";

/** The least set of Graph application permissions, each with why the product needs it. */
export function requiredPermissions(): { name: string; reason: string }[] {
  const byName = new Map<string, string>();
  for (const requirement of Object.values(graphPermissions)) byName.set(requirement.permission, requirement.reason);
  return [...byName].map(([name, reason]) => ({ name, reason }));
}

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
      helpdeskConfigured: () => Promise<boolean>;
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
    const permissions: PermissionCheck[] = requiredPermissions().map((permission) => ({ ...permission, granted: granted.includes(permission.name) }));

    let storageError: string | undefined;
    try {
      await stores.importJobs.list({ limit: 1 });
    } catch (error) {
      storageError = messageOf(error);
    }

    let helpdeskConfigured = false;
    try {
      helpdeskConfigured = await this.deps.helpdeskConfigured();
    } catch {
      helpdeskConfigured = false;
    }

    return {
      tenant: { sandbox: config.sandbox, tenantId: this.deps.tenantId, clientId: this.deps.clientId, graphBaseUrl: this.deps.graphBaseUrl },
      graph: { reachable: graphError === undefined, ...(graphError ? { error: graphError } : {}), permissions },
      storage: { reachable: storageError === undefined, ...(storageError ? { error: storageError } : {}) },
      helpdesk: { configured: helpdeskConfigured },
      bot: { configured: Boolean(config.botId && config.botPassword) },
    };
  }
}
