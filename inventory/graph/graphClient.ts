import type { TokenCredential } from "@azure/identity";
import { AuthenticationHandler, Client, HTTPMessageHandler } from "@microsoft/microsoft-graph-client";
import { ConfigurationError } from "../errors.js";
import type { Logger } from "../logger.js";
import { CredentialAuthenticationProvider } from "./authenticationProvider.js";
import { graphScopeFor, type GraphCredentialSettings } from "./credential.js";
import { HostGuardMiddleware } from "./hostGuard.js";
import { RetryMiddleware, type GraphGatewayStats } from "./retryMiddleware.js";
import type { RetryOptions } from "./retryPolicy.js";

/** Parameters of `createGraphClient`. */
export interface GraphClientParams {
  credential: TokenCredential;
  /** Used only to name the settings to check when the credential fails. */
  credentialSettings: GraphCredentialSettings;
  /** Graph root, such as `https://graph.microsoft.com`; must be https. */
  graphBaseUrl: string;
  /** @default graphScopeFor(graphBaseUrl) */
  scope?: string;
  retry: RetryOptions;
  stats: GraphGatewayStats;
  logger?: Logger;
}

/** The Graph client with our middleware chain, and the parsed Graph root. */
export interface GraphClientHandle {
  client: Client;
  /** `graphBaseUrl` without a trailing slash. */
  baseUrl: string;
  /** Scheme, host and port of the Graph root: the only origin requests may go to. */
  origin: string;
}

/**
 * Builds the Graph client. The chain is host guard → our retry → the client's
 * AuthenticationHandler → fetch: the library's RetryHandler and RedirectHandler are left out, so
 * retries are counted and limited here and no redirect can lead to another host.
 * @throws ConfigurationError when `graphBaseUrl` is not an https URL.
 */
export function createGraphClient(params: GraphClientParams): GraphClientHandle {
  const url = parseGraphBaseUrl(params.graphBaseUrl);
  const scope = params.scope ?? graphScopeFor(url.href);

  const middleware = [
    new HostGuardMiddleware(url.origin),
    new RetryMiddleware(params.retry, params.stats, params.logger),
    new AuthenticationHandler(new CredentialAuthenticationProvider(params.credential, scope, params.credentialSettings)),
    new HTTPMessageHandler(),
  ];

  const baseUrl = url.href.replace(/\/+$/, "");
  // The client attaches Authorization only to Microsoft's Graph hosts, unless customHosts lists
  // the host (host name only, no port).
  const customHosts = url.hostname === "graph.microsoft.com" ? undefined : new Set([url.hostname]);
  const client = Client.initWithMiddleware({ middleware, baseUrl, customHosts, defaultVersion: "v1.0" });

  return { client, baseUrl, origin: url.origin };
}

function parseGraphBaseUrl(graphBaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(graphBaseUrl);
  } catch (error) {
    throw new ConfigurationError("invalidGraphBaseUrl", `GRAPH_BASE_URL "${graphBaseUrl}" is not a URL. Set it to https://graph.microsoft.com or the sandbox URL.`, {
      cause: error,
    });
  }
  if (url.protocol !== "https:") {
    throw new ConfigurationError(
      "invalidGraphBaseUrl",
      `GRAPH_BASE_URL "${url.origin}" must use https: the Graph client attaches the access token only to https hosts.`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigurationError("invalidGraphBaseUrl", `GRAPH_BASE_URL must be a plain https URL without query, fragment or user info.`);
  }
  return url;
}
