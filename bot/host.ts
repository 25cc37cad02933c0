import { existsSync } from "node:fs";
import path from "node:path";
import restify from "restify";
import type { InventoryParts } from "../inventory/index.js";
import { projectRoot } from "../inventory/config.js";
import type { Logger } from "../inventory/logger.js";

/** Folder of the built tab (Vite output). */
export const tabDistDir = path.join(projectRoot, "dist", "tab");

/**
 * The restify server with the parts every deployment has: the health check and the built tab.
 * The bot and the tab API register their own routes on it.
 */
export function createHostServer(inventory: InventoryParts, logger: Logger): restify.Server {
  const server = restify.createServer({ name: "token-inventory", handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.get("/api/health", async (_request, response) => {
    const status = await inventory.status.check();
    const healthy = status.storage.reachable && status.graph.reachable;
    response.send(healthy ? 200 : 503, {
      status: healthy ? "ok" : "degraded",
      tenant: status.tenant.sandbox ? "sandbox" : status.tenant.tenantId,
      sandbox: status.tenant.sandbox,
      storage: status.storage,
      graph: { reachable: status.graph.reachable, error: status.graph.error },
    });
  });

  if (existsSync(tabDistDir)) {
    server.get(
      "/*",
      restify.plugins.serveStatic({ directory: tabDistDir, default: "index.html" }),
    );
  } else {
    logger.warn({ tabDistDir }, "the tab is not built; run `npm run build:tab` to serve it");
  }
  return server;
}
