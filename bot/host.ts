import { existsSync } from "node:fs";
import path from "node:path";
import restify from "restify";
import type { InventoryParts } from "../inventory/index.js";
import { projectRoot } from "../inventory/config.js";
import type { Logger } from "../inventory/logger.js";

/** True for a request path that decodes cleanly and contains no NUL byte. */
function isServablePath(requestPath: string): boolean {
  try {
    return !decodeURIComponent(requestPath).includes("\0");
  } catch {
    return false;
  }
}

/** Maximum wait of the health check for storage and Graph, in milliseconds. */
const healthTimeoutMs = 5000;

/** Resolves with the promise's value, or with undefined once `ms` have passed. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Folder of the built tab (Vite output). */
export const tabDistDir = path.join(projectRoot, "dist", "tab");

/**
 * The restify server with the parts every deployment has: the health check and the built tab.
 * The bot and the tab API register their own routes on it.
 */
export function createHostServer(inventory: InventoryParts, logger: Logger): restify.Server {
  const server = restify.createServer({ name: "token-inventory", handleUncaughtExceptions: false });
  // A client that never finishes its request body must not hold a connection for Node's default 5 minutes.
  server.server.requestTimeout = 60_000;
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // Anyone may call the health check, so it returns within a bounded time and names no tenant,
  // account or error text. The signed-in status API and `doctor` give the details.
  server.get("/api/health", async (_request, response) => {
    const status = await withTimeout(inventory.status.check(), healthTimeoutMs);
    const healthy = status !== undefined && status.storage.reachable && status.graph.reachable;
    let summary = "ok";
    if (status === undefined) summary = "timedOut";
    else if (!healthy) summary = "degraded";
    response.send(healthy ? 200 : 503, {
      status: summary,
      sandbox: inventory.config.sandbox,
      storage: { reachable: status?.storage.reachable ?? false },
      graph: { reachable: status?.graph.reachable ?? false },
    });
  });

  // Checked per request, so that a tab built while the host runs is served without a restart.
  const serveTab = restify.plugins.serveStatic({ directory: tabDistDir, default: "index.html" });
  server.get("/*", (request, response, next) => {
    if (!existsSync(path.join(tabDistDir, "index.html"))) {
      response.send(503, { code: "tabNotBuilt", message: "The admin tab is not built. Run `npm run build:tab`, then reload this page." });
      return next(false);
    }
    // restify's static server passes the decoded path to fs.stat, which throws outside any handler
    // on a NUL byte. Such paths, and undecodable ones, therefore never reach it.
    if (!isServablePath(request.path())) {
      response.send(400, { code: "invalidPath", message: "The path of this request is invalid." });
      return next(false);
    }
    return serveTab(request, response, (error?: unknown) => {
      if (error === undefined || error === false) return next(error as undefined);
      // restify's own 404 message contains the file system path; ours does not.
      response.send(404, { code: "notFound", message: `No page ${request.path()} exists here. The tab is at /.` });
      return next(false);
    });
  });
  if (!existsSync(tabDistDir)) logger.warn({ tabDistDir }, "the tab is not built; run `npm run build:tab` to serve it");
  return server;
}
