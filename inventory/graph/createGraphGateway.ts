import { createGraphCredential, type GraphCredentialSettings } from "./credential.js";
import { GraphClientGateway, type GraphClientGatewayOptions } from "./GraphClientGateway.js";

/** Configuration values for `createGraphGateway`: credential settings, Graph root and gateway options. */
export type CreateGraphGatewayParams = GraphCredentialSettings &
  Omit<GraphClientGatewayOptions, "credential" | "credentialSettings">;

/**
 * Creates the app-only credential and the Graph gateway over it.
 * @throws ConfigurationError when the credential settings or the Graph base URL are invalid.
 */
export function createGraphGateway(params: CreateGraphGatewayParams): GraphClientGateway {
  const { tenantId, clientId, clientSecret, clientCertificatePath, authorityHost, ...options } = params;

  const credential = createGraphCredential({ tenantId, clientId, clientSecret, clientCertificatePath, authorityHost });
  // The secret stays inside the credential; the gateway keeps only what its messages may name.
  const credentialSettings: GraphCredentialSettings = { tenantId, clientId, clientCertificatePath, authorityHost };

  return new GraphClientGateway({ ...options, credential, credentialSettings });
}
