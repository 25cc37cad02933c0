import type { Server } from "restify";
import { z } from "zod";
import { acceptedAudiences } from "../auth/options.js";
import { requestSandboxToken } from "../auth/sandboxSignIn.js";
import { readJsonBody } from "../http/body.js";
import { handle } from "../http/handle.js";
import { parseQuery } from "../http/validation.js";
import type { RouteContext } from "./context.js";

const signInBodySchema = z.strictObject({
  userPrincipalName: z
    .string({ message: "userPrincipalName is required" })
    .trim()
    .min(3)
    .max(256)
    .regex(/^[^@\s]+@[^@\s]+$/, "userPrincipalName must look like name@domain"),
});

const usersQuerySchema = z.object({
  search: z.string().trim().min(1, "type at least one letter of a name or user principal name").max(100),
});

/** Users that one search of the sandbox sign-in form offers. */
const maxListedUsers = 20;

/**
 * Mounts sandbox sign-in: POST /api/sandbox/signin gets a signed user token from the sandbox tenant
 * and GET /api/sandbox/users?search= finds directory users by prefix for the sign-in form. Only call this in sandbox mode.
 */
export function registerSandboxRoutes(server: Server, context: RouteContext, sandboxUrl: string): void {
  const { inventory, authOptions, logger } = context;
  const [audience] = acceptedAudiences(authOptions);

  server.post(
    "/api/sandbox/signin",
    handle(logger, async (req, res) => {
      const body = await readJsonBody(req, signInBodySchema);
      const result = await requestSandboxToken(sandboxUrl, body.userPrincipalName, audience ?? "");
      logger.info({ userPrincipalName: body.userPrincipalName }, "Sandbox sign-in");
      res.send(200, { accessToken: result.accessToken });
    }),
  );

  server.get(
    "/api/sandbox/users",
    handle(logger, async (req, res) => {
      const { search } = parseQuery(req, usersQuerySchema);
      const users = await inventory.users.search(search, maxListedUsers);
      res.send(200, {
        items: users.map((user) => ({ userPrincipalName: user.userPrincipalName, displayName: user.displayName })),
      });
    }),
  );
}
