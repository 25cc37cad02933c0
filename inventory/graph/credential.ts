import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from "@azure/identity";
import { z } from "zod";
import { ConfigurationError } from "../errors.js";
import { GraphRequestError } from "./errors.js";

/** Public cloud authority; MSAL runs instance discovery against it by default. */
export const publicAuthorityHost = "https://login.microsoftonline.com";

/** Settings of an app-only Graph credential. `InventoryConfig` fits, with the ids filled in. */
export interface GraphCredentialSettings {
  tenantId?: string;
  clientId?: string;
  /** A secret: never log it. */
  clientSecret?: string;
  /** PEM file with the certificate and its private key; takes precedence over `clientSecret`. */
  clientCertificatePath?: string;
  authorityHost: string;
}

const settingsSchema = z.object({
  tenantId: z.string().min(1, "AZURE_TENANT_ID is missing"),
  clientId: z.string().min(1, "AZURE_CLIENT_ID is missing"),
  clientSecret: z.string().optional(),
  clientCertificatePath: z.string().optional(),
  authorityHost: z.url({ protocol: /^https$/, error: "AZURE_AUTHORITY_HOST must be an https URL" }),
});

/**
 * Creates the app-only credential for Graph: a ClientCertificateCredential when a certificate path
 * is set, else a ClientSecretCredential, both against the configured authority host.
 * @throws ConfigurationError when the tenant id, client id or both secret and certificate are missing.
 */
export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join("; ");
    throw new ConfigurationError("invalidGraphCredential", `Cannot create the Graph credential: ${problems}.`);
  }
  const { tenantId, clientId, clientSecret, clientCertificatePath, authorityHost } = parsed.data;

  // MSAL sends instance discovery to login.microsoftonline.com whatever the authority host is,
  // so any other authority (sandbox, sovereign cloud, proxy) must switch discovery off.
  const options = {
    authorityHost,
    disableInstanceDiscovery: new URL(authorityHost).origin !== publicAuthorityHost,
  };

  if (clientCertificatePath) {
    return new ClientCertificateCredential(tenantId, clientId, { certificatePath: clientCertificatePath }, options);
  }
  if (clientSecret) {
    return new ClientSecretCredential(tenantId, clientId, clientSecret, options);
  }
  throw new ConfigurationError(
    "invalidGraphCredential",
    "Cannot create the Graph credential: set AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.",
  );
}

/** Returns the environment variable that contains the credential's proof, for messages that name what to check. */
export function describeCredentialSetting(settings: Pick<GraphCredentialSettings, "clientCertificatePath">): string {
  return settings.clientCertificatePath ? "AZURE_CLIENT_CERTIFICATE_PATH (certificate and key)" : "AZURE_CLIENT_SECRET";
}

/**
 * Turns a credential failure into `authenticationFailed`. The message names the tenant, client id,
 * authority and the setting to check, plus Entra's error code (such as AADSTS7000215), but never
 * the secret or the raw error text.
 */
export function toAuthenticationFailed(error: unknown, settings: GraphCredentialSettings): GraphRequestError {
  const errorName = error instanceof Error ? error.name : "unknown error";
  const entraCodes = extractEntraCodes(error);

  return new GraphRequestError(
    "authenticationFailed",
    `Could not get a Graph access token from ${settings.authorityHost} for tenant ${settings.tenantId ?? "(unset)"} ` +
      `and client id ${settings.clientId ?? "(unset)"} (${errorName}${entraCodes.length ? `: ${entraCodes.join(", ")}` : ""}). ` +
      `Check AZURE_TENANT_ID, AZURE_CLIENT_ID and ${describeCredentialSetting(settings)}, and that the app registration exists in that tenant.`,
  );
}

/**
 * Entra's AADSTS codes from a credential error. @azure/identity 4.13.1 keeps them in
 * `errorResponse.errorCodes` of an AuthenticationError, but passes most MSAL server errors on as an
 * AuthenticationRequiredError whose message alone carries them. The codes are quoted, never
 * interpreted, and nothing else of that message is kept.
 */
function extractEntraCodes(error: unknown): string[] {
  const response = (error as { errorResponse?: { errorCodes?: unknown } } | undefined)?.errorResponse;
  const fromResponse = Array.isArray(response?.errorCodes) ? response.errorCodes.map((code) => `AADSTS${code}`) : [];
  const fromMessage = error instanceof Error ? (error.message.match(/AADSTS\d+/g) ?? []) : [];
  return [...new Set([...fromResponse, ...fromMessage])];
}

/** Default Graph scope: the sandbox tenant accepts the public cloud scope too. */
export const defaultGraphScope = "https://graph.microsoft.com/.default";

/** Graph hosts of the national clouds, whose scope is their own host. */
const nationalGraphHosts = new Set([
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "graph.microsoft.de",
  "microsoftgraph.chinacloudapi.cn",
  "canary.graph.microsoft.com",
]);

/** Returns the `.default` scope for a Graph base URL: its own host for Microsoft's clouds, else the public one. */
export function graphScopeFor(graphBaseUrl: string): string {
  const host = new URL(graphBaseUrl).hostname.toLowerCase();
  return nationalGraphHosts.has(host) ? `https://${host}/.default` : defaultGraphScope;
}

const tokenPayloadSchema = z.object({ roles: z.array(z.string()).optional() });

/**
 * Reads the application permissions (`roles` claim) from a fresh app-only access token. The
 * payload is decoded without verification: the token comes straight from our own credential.
 * @throws GraphRequestError `authenticationFailed` when no token can be obtained or read.
 */
export async function readGrantedRoles(
  credential: TokenCredential,
  scope: string = defaultGraphScope,
  settings?: GraphCredentialSettings,
): Promise<string[]> {
  let token: string;
  try {
    const accessToken = await credential.getToken(scope);
    if (!accessToken) throw new Error("The credential returned no access token.");
    token = accessToken.token;
  } catch (error) {
    throw toAuthenticationFailed(error, settings ?? { authorityHost: "the configured authority" });
  }

  const payload = token.split(".")[1];
  const parsed = payload ? tokenPayloadSchema.safeParse(decodeJson(payload)) : undefined;
  if (!parsed?.success) {
    throw new GraphRequestError("authenticationFailed", `The access token for ${scope} is not a readable JWT, so its roles are unknown.`);
  }
  return parsed.data.roles ?? [];
}

function decodeJson(base64Url: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64Url, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}
