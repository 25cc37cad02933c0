import type { Request, Response } from "restify";
import type { Logger } from "../../../inventory/logger.js";
import { mapError } from "./errors.js";

/** A tab API route: reads the request, calls the service and sends the response. */
export type RouteHandler = (req: Request, res: Response) => Promise<void>;

/**
 * Wraps a route so that every failure becomes a `{ code, message }` response with its status and no
 * stack trace. Server faults are logged with the request id that the response names. API
 * responses are never cached because they depend on the caller.
 */
export function handle(logger: Logger, route: RouteHandler): RouteHandler {
  return async function tabApiRoute(req, res) {
    res.header("Cache-Control", "no-store");
    try {
      await route(req, res);
    } catch (error) {
      const requestId = req.getId();
      const mapped = mapError(error, requestId);
      if (mapped.isFault) {
        logger.error({ err: error, requestId, method: req.method, path: req.path() }, "Tab API request failed");
      } else {
        logger.debug({ requestId, status: mapped.status, code: mapped.body.code, path: req.path() }, "Tab API request rejected");
      }
      if (!res.headersSent) res.send(mapped.status, mapped.body);
    }
  };
}
