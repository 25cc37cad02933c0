import type { Server } from "restify";
import { handle } from "../http/handle.js";
import type { RouteContext } from "./context.js";

/** Mounts the status check: tenant, Graph permissions granted versus needed, storage and helpdesk channel. */
export function registerStatusRoutes(server: Server, context: RouteContext): void {
  const { inventory, authenticator, logger } = context;

  server.get(
    "/api/status",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      res.send(200, await inventory.status.check());
    }),
  );
}
