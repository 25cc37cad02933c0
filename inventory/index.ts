import { ManagedIdentityCredential } from "@azure/identity";
import { TableAuditService } from "./audit/TableAuditService.js";
import type { InventoryConfig } from "./config.js";
import { createSeedCipher, createSigner, loadOrCreateSecretKey, type SeedCipher, type Signer } from "./crypto/index.js";
import { createGraphGateway } from "./graph/createGraphGateway.js";
import type { GraphGateway } from "./graph/GraphGateway.js";
import { TableImportService } from "./import/ImportService.js";
import type { Inventory, Notifier } from "./Inventory.js";
import type { Logger } from "./logger.js";
import { GraphStatusService } from "./status/GraphStatusService.js";
import { createTableStores, type TableStores } from "./storage/index.js";
import { TableTokenService } from "./tokens/TokenService.js";
import { GraphUserService } from "./users/GraphUserService.js";

export type { Inventory } from "./Inventory.js";

/** Graph and storage endpoints of the service, from the configuration or the local stack. */
export interface InventoryEndpoints {
  /** Undefined means TABLES_ENDPOINT with the managed identity. */
  tablesConnectionString?: string;
  /** Overrides of the configured tenant, used in sandbox mode. */
  tenant?: { authorityHost: string; graphBaseUrl: string; tenantId: string; clientId: string; clientSecret: string };
  /** Prefix for table names, so that tests can share one storage account. */
  tablePrefix?: string;
}

/** Parts of a running inventory that the bot and tests use beside the service surface. */
export interface InventoryParts extends Inventory {
  readonly graph: GraphGateway;
  readonly stores: TableStores;
  readonly cipher: SeedCipher;
  /** Signs the data of helpdesk card buttons, so that an action names only what the bot posted. */
  readonly cardSigner: Signer;
  readonly logger: Logger;
}

/** Notifier used while no bot runs. It logs each event, so that none is dropped silently. */
export function createLogNotifier(logger: Logger): Notifier {
  return {
    async notify(event) {
      logger.info({ event: event.kind }, "helpdesk event (no helpdesk channel is connected)");
    },
  };
}

/** Wires the token service: Graph gateway, Table Storage, seed cipher and the services over them. */
export async function createInventory(config: InventoryConfig, endpoints: InventoryEndpoints, logger: Logger): Promise<InventoryParts> {
  const tenant = endpoints.tenant ?? {
    authorityHost: config.authorityHost,
    graphBaseUrl: config.graphBaseUrl,
    tenantId: config.tenantId!,
    clientId: config.clientId!,
    clientSecret: config.clientSecret ?? "",
  };

  const graph = createGraphGateway({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: endpoints.tenant ? tenant.clientSecret : config.clientSecret,
    clientCertificatePath: endpoints.tenant ? undefined : config.clientCertificatePath,
    authorityHost: tenant.authorityHost,
    graphBaseUrl: tenant.graphBaseUrl,
    logger: logger.child({ part: "graph" }),
  });
  const stores = await createTableStores({
    connectionString: endpoints.tablesConnectionString,
    // App Service's system-assigned identity. Not DefaultAzureCredential: with AZURE_CLIENT_ID and
    // AZURE_CLIENT_SECRET set for Graph, it would sign in as the app registration instead.
    ...(endpoints.tablesConnectionString ? {} : { endpoint: config.tablesEndpoint, credential: new ManagedIdentityCredential() }),
    tablePrefix: endpoints.tablePrefix,
  });
  const secretKey = loadOrCreateSecretKey({ configuredKey: config.tokenSecretKey, dataDir: config.dataDir, sandbox: config.sandbox });
  const cipher = createSeedCipher(secretKey);
  const cardSigner = createSigner(secretKey, "helpdesk cards");

  let notifier: Notifier = createLogNotifier(logger);
  const importLogger = logger.child({ part: "import" });
  const tokens = new TableTokenService({ graph, stores, cipher });
  const imports = new TableImportService({
    graph,
    stores,
    cipher,
    logger: importLogger,
    notifier: () => notifier,
    concurrency: config.importConcurrency,
    onTokensChanged: () => tokens.invalidateSnapshot(),
  });

  return {
    config,
    graph,
    stores,
    cipher,
    cardSigner,
    logger,
    imports,
    tokens,
    users: new GraphUserService(graph),
    audit: new TableAuditService(stores.audit),
    status: new GraphStatusService({
      config,
      graph,
      stores,
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      graphBaseUrl: tenant.graphBaseUrl,
      helpdeskChannel: async () => {
        let stale = false;
        for await (const reference of stores.conversations.list("helpdesk", { includeStale: true })) {
          if (!reference.stale) return { configured: true, stale: false };
          stale = true;
        }
        return { configured: false, stale };
      },
    }),
    get notifier() {
      return notifier;
    },
    set notifier(value: Notifier) {
      notifier = value;
    },
    async close() {
      // Nothing to release yet: the Graph client and table clients hold no open handles.
    },
  };
}
