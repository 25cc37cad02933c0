import type { Server } from "restify";
import { handle } from "../http/handle.js";
import { adminRoleName, isSandbox } from "../auth/options.js";
import type { RouteContext } from "./context.js";

/** Body of GET /api/session: the tenant in use and, when a token was sent, who is signed in. */
export interface SessionInfo {
  sandbox: boolean;
  tenantId: string;
  /** App role (and group, when configured) that admin requests need. */
  adminRole: string;
  adminGroupId?: string;
  user?: { id: string; userPrincipalName: string; displayName?: string; roles: string[]; isAdmin: boolean };
}

/**
 * Mounts GET /api/session. It responds without a token (so the tab can tell sandbox from a real
 * tenant before sign-in), and adds the caller when a valid token comes with the request.
 */
export function registerSessionRoutes(server: Server, context: RouteContext): void {
  const { authenticator, authOptions, logger } = context;

  server.get(
    "/api/session",
    handle(logger, async (req, res) => {
      const caller = await authenticator.identify(req);
      const session: SessionInfo = {
        sandbox: isSandbox(authOptions),
        tenantId: authOptions.tenantId,
        adminRole: authOptions.adminRole ?? adminRoleName,
        adminGroupId: authOptions.adminGroupId,
        user: caller && {
          id: caller.id,
          userPrincipalName: caller.userPrincipalName,
          displayName: caller.displayName,
          roles: caller.roles,
          isAdmin: caller.isAdmin,
        },
      };
      res.send(200, session);
    }),
  );
}
