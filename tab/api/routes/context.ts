import type { Inventory } from "../../../inventory/Inventory.js";
import type { Logger } from "../../../inventory/logger.js";
import type { Authenticator } from "../auth/authenticate.js";
import type { TabAuthOptions } from "../auth/options.js";

/** What every group of tab API routes needs. */
export interface RouteContext {
  inventory: Inventory;
  authenticator: Authenticator;
  authOptions: TabAuthOptions;
  logger: Logger;
}
