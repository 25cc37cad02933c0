import path from "node:path";
import { z } from "zod";
import { ConfigurationError } from "./errors.js";

/** Settings of the token service, read from environment variables. */
export interface InventoryConfig {
  /** True when no Entra app is configured, so the sandbox tenant replaces Entra ID and Graph. */
  sandbox: boolean;
  tenantId?: string;
  clientId?: string;
  /** A secret: never log it. */
  clientSecret?: string;
  clientCertificatePath?: string;
  authorityHost: string;
  graphBaseUrl: string;
  /** Undefined means embedded Azurite. A secret when it carries an account key. */
  tablesConnectionString?: string;
  /** Table service URL reached with the managed identity when no connection string is set. */
  tablesEndpoint?: string;
  /** Base64 of 32 bytes; undefined in sandbox mode means "generate into DATA_DIR". A secret. */
  tokenSecretKey?: string;
  botId?: string;
  botPassword?: string;
  port: number;
  /** Address the host listens on: 127.0.0.1 locally; 0.0.0.0 behind App Service's front end. */
  host: string;
  dataDir: string;
  /** Users of the sandbox tenant. */
  sandboxDirectory: string;
  /** HTTPS port of the sandbox tenant; 0 picks a free port. */
  sandboxPort: number;
  /** Table port of embedded Azurite; 0 picks a free port. */
  azuriteTablePort: number;
  /** Rows processed at once during an import. */
  importConcurrency: number;
  /** Entra group whose members are admins, besides the app role. */
  adminGroupId?: string;
  /** Entra group whose members may act on helpdesk cards. */
  helpdeskGroupId?: string;
  /** Public URL of the tab, used in links on cards. */
  publicUrl?: string;
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const portNumber = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

const environmentSchema = z.object({
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_AUTHORITY_HOST: optionalText,
  GRAPH_BASE_URL: optionalText,
  TABLES_CONNECTION_STRING: optionalText,
  TABLES_ENDPOINT: optionalText,
  TOKEN_SECRET_KEY: optionalText,
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  PORT: portNumber(3978),
  HOST: z.string().trim().default("127.0.0.1"),
  DATA_DIR: optionalText,
  SANDBOX_DIRECTORY: optionalText,
  SANDBOX_PORT: portNumber(3443),
  AZURITE_TABLE_PORT: portNumber(10002),
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  ADMIN_GROUP_ID: optionalText,
  HELPDESK_GROUP_ID: optionalText,
  PUBLIC_URL: optionalText,
});

/** Folder of the project, where the sample files live. */
export const projectRoot = path.resolve(import.meta.dirname, "..");

/**
 * Reads the configuration from environment variables.
 * @throws ConfigurationError naming each invalid variable, or when a real tenant is half configured.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): InventoryConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigurationError("invalidConfiguration", `Invalid environment variables: ${problems.join("; ")}.`);
  }
  const env = parsed.data;

  const sandbox = !env.AZURE_TENANT_ID && !env.AZURE_CLIENT_ID;
  if (!sandbox) {
    const missing = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID"].filter((name) => !env[name as keyof typeof env]);
    if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) {
      missing.push("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH");
    }
    if (!env.TOKEN_SECRET_KEY) missing.push("TOKEN_SECRET_KEY");
    if (missing.length > 0) {
      throw new ConfigurationError(
        "incompleteTenantConfiguration",
        `A real tenant is configured but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. ` +
          "Set them, or unset AZURE_TENANT_ID and AZURE_CLIENT_ID to use the sandbox tenant.",
      );
    }
  }

  // The default is the project's own folder, so that commands run from any subfolder share the data of `npm start`.
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(projectRoot, ".data"));
  return {
    sandbox,
    tenantId: env.AZURE_TENANT_ID,
    clientId: env.AZURE_CLIENT_ID,
    clientSecret: env.AZURE_CLIENT_SECRET,
    clientCertificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH,
    authorityHost: env.AZURE_AUTHORITY_HOST ?? "https://login.microsoftonline.com",
    graphBaseUrl: env.GRAPH_BASE_URL ?? "https://graph.microsoft.com",
    tablesConnectionString: env.TABLES_CONNECTION_STRING,
    tablesEndpoint: env.TABLES_ENDPOINT,
    tokenSecretKey: env.TOKEN_SECRET_KEY,
    botId: env.BOT_ID,
    botPassword: env.BOT_PASSWORD,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    sandboxDirectory: path.resolve(env.SANDBOX_DIRECTORY ?? path.join(projectRoot, "samples", "directory.json")),
    sandboxPort: env.SANDBOX_PORT,
    azuriteTablePort: env.AZURITE_TABLE_PORT,
    importConcurrency: env.IMPORT_CONCURRENCY,
    adminGroupId: env.ADMIN_GROUP_ID,
    helpdeskGroupId: env.HELPDESK_GROUP_ID,
    publicUrl: env.PUBLIC_URL,
  };
}
