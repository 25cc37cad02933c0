import type { Server } from "restify";
import { z } from "zod";
import { handle } from "../http/handle.js";
import { parseQuery } from "../http/validation.js";
import type { RouteContext } from "./context.js";
import { positiveIntegerSchema } from "./schemas.js";

const searchQuerySchema = z.object({
  search: z.string().trim().max(100, "search has at most 100 characters").default(""),
  top: positiveIntegerSchema(50).default(10),
});

/** Mounts the user search behind the assign picker. Guests and disabled accounts come back with `assignable: false` and the reason. */
export function registerUserRoutes(server: Server, context: RouteContext): void {
  const { inventory, authenticator, logger } = context;

  server.get(
    "/api/users",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const query = parseQuery(req, searchQuerySchema);
      res.send(200, { items: await inventory.users.search(query.search, query.top) });
    }),
  );
}
