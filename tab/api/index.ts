import type { Server } from "restify";
import type { Inventory } from "../../inventory/Inventory.js";
import { ConfigurationError } from "../../inventory/errors.js";
import type { Logger } from "../../inventory/logger.js";
import { createAuthenticator } from "./auth/authenticate.js";
import { isSandbox, type TabAuthOptions } from "./auth/options.js";
import { registerAuditRoutes } from "./routes/audit.js";
import type { RouteContext } from "./routes/context.js";
import { registerImportRoutes } from "./routes/imports.js";
import { registerSandboxRoutes } from "./routes/sandbox.js";
import { registerSessionRoutes } from "./routes/session.js";
import { registerStatusRoutes } from "./routes/status.js";
import { registerTokenRoutes } from "./routes/tokens.js";
import { registerUserRoutes } from "./routes/users.js";

export { tabAuthOptionsFromConfig, sandboxTabAudience, adminRoleName, type TabAuthOptions } from "./auth/options.js";
export { maxSeedFileBytes } from "./routes/imports.js";

/** Dependencies that the host passes to the tab API. */
export interface TabApiDeps {
  inventory: Inventory;
  auth: TabAuthOptions;
  logger: Logger;
}

/**
 * Mounts the admin tab's routes under /api (never /api/messages, which belongs to the bot).
 * Routes read their own bodies, so the host must not install restify's bodyParser for /api.
 * @throws ConfigurationError when sandbox sign-in is asked for while a real tenant is configured.
 */
export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const logger = deps.logger.child({ part: "tab-api" });
  const sandbox = isSandbox(deps.auth);

  // Sandbox sign-in issues a token for any directory user on request, so it must never run beside a real tenant.
  if (sandbox && (!deps.inventory.config.sandbox || deps.inventory.config.tenantId)) {
    throw new ConfigurationError(
      "sandboxSignInWithRealTenant",
      "Sandbox sign-in cannot be enabled while a real tenant is configured (AZURE_TENANT_ID or AZURE_CLIENT_ID is set).",
    );
  }
  if (sandbox && !deps.auth.sandboxUrl) {
    throw new ConfigurationError("sandboxUrlMissing", "Sandbox mode needs the sandbox tenant's URL (auth.sandboxUrl).");
  }

  const context: RouteContext = {
    inventory: deps.inventory,
    authenticator: createAuthenticator(deps.auth),
    authOptions: deps.auth,
    logger,
  };

  registerSessionRoutes(server, context);
  registerImportRoutes(server, context);
  registerTokenRoutes(server, context);
  registerUserRoutes(server, context);
  registerAuditRoutes(server, context);
  registerStatusRoutes(server, context);
  if (sandbox && deps.auth.sandboxUrl) registerSandboxRoutes(server, context, deps.auth.sandboxUrl);

  logger.info({ sandbox, tenantId: deps.auth.tenantId }, "Tab API mounted");
}
