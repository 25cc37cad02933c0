import type { InventoryConfig } from "../config.js";
import type { PermissionCheck, ServiceStatus, StatusFinding } from "../Inventory.js";

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const consentFix =
  "In the Entra admin center open App registrations, your app, API permissions; add the Microsoft Graph application permission and select 'Grant admin consent'.";

function storageDescription(config: InventoryConfig): string {
  if (config.tablesConnectionString) return "Table Storage answered (TABLES_CONNECTION_STRING).";
  if (config.tablesEndpoint) return `Table Storage at ${config.tablesEndpoint} answered to the managed identity.`;
  return "Embedded Azurite answered.";
}

function tenantFindings(config: InventoryConfig, status: Omit<ServiceStatus, "findings">): StatusFinding[] {
  if (config.sandbox) {
    return [
      {
        area: "tenant",
        ok: true,
        message:
          `Sandbox mode: Graph calls go to the local sandbox tenant at ${status.tenant.graphBaseUrl} ` +
          `(tenant ${status.tenant.tenantId ?? "unknown"}, app ${status.tenant.clientId ?? "unknown"}), not to Microsoft Entra ID.`,
      },
    ];
  }
  const findings: StatusFinding[] = [];
  for (const [name, value] of [
    ["AZURE_TENANT_ID", config.tenantId],
    ["AZURE_CLIENT_ID", config.clientId],
  ] as const) {
    findings.push(
      value && guid.test(value)
        ? { area: "tenant", ok: true, message: `${name} is ${value}.` }
        : {
            area: "tenant",
            ok: false,
            message: `${name} is "${value ?? ""}", which is not a GUID.`,
            fix: `Copy the ${name === "AZURE_TENANT_ID" ? "Directory (tenant) ID" : "Application (client) ID"} from the app registration's Overview page.`,
          },
    );
  }
  return findings;
}

function permissionFindings(permissions: PermissionCheck[]): StatusFinding[] {
  return permissions.map((permission) =>
    permission.granted
      ? { area: "permissions", ok: true, message: `Graph granted ${permission.name}. ${permission.reason}` }
      : {
          area: "permissions",
          ok: false,
          message: `The access token lacks the application permission ${permission.name}. ${permission.reason}`,
          fix: consentFix.replace("the Microsoft Graph application permission", `the Microsoft Graph application permission ${permission.name}`),
        },
  );
}

/**
 * Turns a status report into plain findings, each problem with its fix. Used by the doctor
 * command and the status API, so that both report the same findings.
 */
export function findingsOf(config: InventoryConfig, status: Omit<ServiceStatus, "findings">): StatusFinding[] {
  const findings = tenantFindings(config, status);

  if (status.graph.reachable) {
    findings.push({ area: "credential", ok: true, message: `The app signed in to ${config.sandbox ? "the sandbox tenant" : config.authorityHost} and got a Graph token.` });
    findings.push(...permissionFindings(status.graph.permissions));
  } else {
    findings.push({
      area: "credential",
      ok: false,
      message: `No Graph token: ${status.graph.error ?? "unknown error"}`,
      fix: config.clientCertificatePath
        ? "Check AZURE_CLIENT_CERTIFICATE_PATH and that the certificate is uploaded to the app registration (Certificates & secrets)."
        : "Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; create a new client secret under Certificates & secrets if it expired.",
    });
  }

  findings.push(
    status.storage.reachable
      ? { area: "storage", ok: true, message: storageDescription(config) }
      : {
          area: "storage",
          ok: false,
          message: `Table Storage did not answer: ${status.storage.error ?? "unknown error"}`,
          fix: "Check TABLES_CONNECTION_STRING (account name, key and endpoint) and that the storage account allows this network.",
        },
  );

  findings.push(
    config.tokenSecretKey
      ? { area: "seedKey", ok: true, message: "TOKEN_SECRET_KEY is set; seeds are encrypted with it." }
      : { area: "seedKey", ok: true, message: `Seeds are encrypted with a key generated in ${config.dataDir} (sandbox mode only).` },
  );

  if (status.bot.configured) {
    findings.push({ area: "bot", ok: true, message: `The bot is registered as ${config.botId}; Bot Framework authenticates /api/messages.` });
  } else {
    findings.push({
      area: "bot",
      ok: config.sandbox,
      message: "BOT_ID and BOT_PASSWORD are not set: the bot runs without channel authentication, for local use only.",
      ...(config.sandbox ? {} : { fix: "Set BOT_ID and BOT_PASSWORD from the Azure Bot resource's Microsoft App ID and its client secret." }),
    });
  }

  findings.push(
    status.helpdesk.configured
      ? { area: "helpdesk", ok: true, message: "A helpdesk channel is registered for notifications." }
      : {
          area: "helpdesk",
          ok: false,
          warning: true,
          message: status.helpdesk.stale
            ? "The bot was removed from the registered helpdesk channel, so helpdesk notifications are only logged."
            : "No helpdesk channel is registered, so helpdesk notifications are only logged.",
          fix: "Add the app to the helpdesk team and, as an admin, send 'set helpdesk channel' to the bot in that channel.",
        },
  );

  if (!config.sandbox && !config.adminGroupId) {
    findings.push({
      area: "groups",
      ok: false,
      message: "ADMIN_GROUP_ID is not set: in chat no one can run admin commands or act on helpdesk cards (the tab still accepts the TokenInventory.Admin app role).",
      fix: "Set ADMIN_GROUP_ID (and HELPDESK_GROUP_ID) to the object ids of the Entra groups of admins and helpdesk staff.",
    });
  }
  return findings;
}
