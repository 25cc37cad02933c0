import type { Server } from "restify";
import { z } from "zod";
import { actorOf } from "../auth/caller.js";
import { readJsonBody } from "../http/body.js";
import { HttpError } from "../http/errors.js";
import { handle } from "../http/handle.js";
import { parseParams, parseQuery } from "../http/validation.js";
import type { RouteContext } from "./context.js";
import { booleanFlagSchema, filterTextSchema, positiveIntegerSchema, serialNumberSchema } from "./schemas.js";

/** Largest page of tokens one request may ask for. */
export const maxTokenPageSize = 200;

const listQuerySchema = z.object({
  status: z
    .enum(["available", "assigned", "activated", "failedActivation"], {
      message: "use available, assigned, activated or failedActivation",
    })
    .optional(),
  serial: filterTextSchema(128),
  user: filterTextSchema(256),
  sort: z.enum(["serialNumber", "status", "user", "updatedAt"], { message: "use serialNumber, status, user or updatedAt" }).optional(),
  descending: booleanFlagSchema.optional(),
  page: positiveIntegerSchema(1_000_000).default(1),
  pageSize: positiveIntegerSchema(maxTokenPageSize).default(50),
});

const serialParamsSchema = z.object({ serial: serialNumberSchema });

const assignBodySchema = z.strictObject({
  user: z.string({ message: "user is required: an object id or user principal name" }).trim().min(1).max(256),
});

/**
 * Either a code typed by the admin, kept as a 6-digit string so leading zeros survive, or
 * `generate: true` to compute the code from the stored seed.
 */
const activateBodySchema = z.union(
  [
    z.strictObject({ code: z.string({ message: "code must be a string" }).regex(/^\d{6}$/, "code must be a string of 6 digits") }),
    z.strictObject({ generate: z.literal(true) }),
  ],
  { message: 'send {"code":"<6 digits as a string>"} or {"generate":true}' },
);

/** Mounts list, get, assign, activate, unassign and delete routes for tokens. */
export function registerTokenRoutes(server: Server, context: RouteContext): void {
  const { inventory, authenticator, logger } = context;

  server.get(
    "/api/tokens",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const query = parseQuery(req, listQuerySchema);
      res.send(200, await inventory.tokens.list(query));
    }),
  );

  server.get(
    "/api/tokens/:serial",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const { serial } = parseParams(req, serialParamsSchema);
      const token = await inventory.tokens.get(serial);
      if (!token) throw new HttpError(404, "tokenNotFound", `No token with serial number ${serial} in the inventory.`);
      res.send(200, token);
    }),
  );

  server.post(
    "/api/tokens/:serial/assign",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const { serial } = parseParams(req, serialParamsSchema);
      const body = await readJsonBody(req, assignBodySchema);
      res.send(200, await inventory.tokens.assign(serial, body.user, actorOf(caller)));
    }),
  );

  server.post(
    "/api/tokens/:serial/activate",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const { serial } = parseParams(req, serialParamsSchema);
      const body = await readJsonBody(req, activateBodySchema);
      const code = "code" in body ? body.code : undefined;
      res.send(200, await inventory.tokens.activate(serial, code, actorOf(caller)));
    }),
  );

  server.post(
    "/api/tokens/:serial/unassign",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const { serial } = parseParams(req, serialParamsSchema);
      res.send(200, await inventory.tokens.unassign(serial, actorOf(caller)));
    }),
  );

  server.del(
    "/api/tokens/:serial",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const { serial } = parseParams(req, serialParamsSchema);
      await inventory.tokens.delete(serial, actorOf(caller));
      res.send(204);
    }),
  );
}
