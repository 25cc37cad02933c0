import type { InventoryConfig } from "../../../inventory/config.js";
import { ConfigurationError } from "../../../inventory/errors.js";

/** App role in the `roles` claim that makes a caller a Token Inventory admin. */
export const adminRoleName = "TokenInventory.Admin";

/** Audience of the tab's tokens when the sandbox tenant stands in for Entra ID. */
export const sandboxTabAudience = "api://localhost/token-inventory-sandbox";

/** How the tab API validates Teams SSO tokens and decides who is an admin. */
export interface TabAuthOptions {
  /** Directory (tenant) id that every token must carry in `tid`. */
  tenantId: string;
  /**
   * Authority that issues the tokens: `https://login.microsoftonline.com` for Entra ID, the sandbox
   * tenant's URL in sandbox mode. OpenID metadata is read from `<authorityHost>/<tenantId>/v2.0/.well-known/openid-configuration`.
   */
  authorityHost: string;
  /**
   * Accepted `aud` values: the app's client id and its Application ID URI (`api://<host>/<clientId>`).
   * The first one is the audience that sandbox sign-in requests.
   */
  audience: string | string[];
  /**
   * True when the sandbox tenant stands in for Entra ID; enables sandbox sign-in.
   * @default true when `sandboxUrl` is set, false otherwise
   */
  sandbox?: boolean;
  /** HTTPS URL of the sandbox tenant; required in sandbox mode. */
  sandboxUrl?: string;
  /**
   * Accepted `iss` values. @default `<authorityHost>/<tenantId>/v2.0`, plus the v1 issuer
   * `https://sts.windows.net/<tenantId>/` outside sandbox mode.
   */
  issuers?: string[];
  /** App role that grants admin rights. @default "TokenInventory.Admin" */
  adminRole?: string;
  /** Entra group whose members are admins (read from the `groups` claim). */
  adminGroupId?: string;
  /** Allowed clock skew when checking `exp` and `nbf`, in seconds. @default 60 */
  clockToleranceSeconds?: number;
}

/** Whether these options describe the sandbox tenant rather than Entra ID. */
export function isSandbox(options: TabAuthOptions): boolean {
  return options.sandbox ?? options.sandboxUrl !== undefined;
}

/** Accepted issuers: the configured list, or the v2 issuer (and v1 for Entra ID). */
export function acceptedIssuers(options: TabAuthOptions): string[] {
  if (options.issuers && options.issuers.length > 0) return options.issuers;

  const authority = options.authorityHost.replace(/\/+$/, "");
  const issuers = [`${authority}/${options.tenantId}/v2.0`];
  if (!isSandbox(options)) issuers.push(`https://sts.windows.net/${options.tenantId}/`);
  return issuers;
}

/** Accepted audiences as a list. */
export function acceptedAudiences(options: TabAuthOptions): string[] {
  return Array.isArray(options.audience) ? options.audience : [options.audience];
}

/**
 * Derives the tab's auth options from the service configuration. For a real tenant the audiences
 * are the client id and, when PUBLIC_URL is set, the ID URI `api://<public host>/<clientId>` that
 * Teams SSO tabs use. In sandbox mode, pass the running sandbox tenant's URL and tenant id.
 */
export function tabAuthOptionsFromConfig(
  config: InventoryConfig,
  sandboxTenant?: { url: string; tenantId: string },
): TabAuthOptions {
  if (config.sandbox) {
    if (!sandboxTenant) throw new ConfigurationError(
        "sandboxTenantMissing",
        "Sandbox mode needs the running sandbox tenant (its URL and tenant id) to validate tab sign-ins. Start the sandbox before mounting the tab API.",
      );
    return {
      tenantId: sandboxTenant.tenantId,
      authorityHost: sandboxTenant.url,
      audience: sandboxTabAudience,
      sandbox: true,
      sandboxUrl: sandboxTenant.url,
      adminGroupId: config.adminGroupId,
    };
  }

  const clientId = config.clientId ?? "";
  const audience = [clientId];
  if (config.publicUrl) audience.push(`api://${new URL(config.publicUrl).host}/${clientId}`);
  return {
    tenantId: config.tenantId ?? "",
    authorityHost: config.authorityHost,
    audience,
    sandbox: false,
    adminGroupId: config.adminGroupId,
  };
}
