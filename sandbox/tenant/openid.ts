import type { TenantContext } from "./context.js";
import type { SandboxResponse } from "./http.js";

/** Issuer of user sign-in tokens (v2.0), which is also the issuer in the v2.0 OpenID metadata. */
export function v2Issuer(context: TenantContext, tenantId = context.app.tenantId): string {
  return `${context.url}/${tenantId}/v2.0`;
}

/** Issuer of app-only Graph access tokens, which Entra issues in the v1.0 format. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/** URL of the v2.0 token endpoint, also the audience of client assertions. */
export function tokenEndpoint(context: TenantContext): string {
  return `${context.url}/${context.app.tenantId}/oauth2/v2.0/token`;
}

/** Handles `GET /{tenant}/v2.0/.well-known/openid-configuration`. */
export function openIdConfigurationV2(context: TenantContext): SandboxResponse {
  const base = `${context.url}/${context.app.tenantId}`;
  return {
    status: 200,
    body: {
      issuer: v2Issuer(context),
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: tokenEndpoint(context),
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      userinfo_endpoint: `${context.url}/oidc/userinfo`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      response_modes_supported: ["query", "fragment", "form_post"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "preferred_username", "tid", "ver", "roles"],
      request_uri_parameter_supported: false,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      tenant_region_scope: null,
      cloud_instance_name: new URL(context.url).hostname,
      cloud_graph_host_name: new URL(context.url).hostname,
      msgraph_host: new URL(context.url).host,
    },
  };
}

/** Handles `GET /{tenant}/.well-known/openid-configuration`, the v1.0 metadata. */
export function openIdConfigurationV1(context: TenantContext): SandboxResponse {
  const base = `${context.url}/${context.app.tenantId}`;
  return {
    status: 200,
    body: {
      issuer: v1Issuer(context.app.tenantId),
      authorization_endpoint: `${base}/oauth2/authorize`,
      token_endpoint: `${base}/oauth2/token`,
      end_session_endpoint: `${base}/oauth2/logout`,
      jwks_uri: `${base}/discovery/keys`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      response_modes_supported: ["query", "fragment", "form_post"],
      response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid"],
      tenant_region_scope: null,
      cloud_instance_name: new URL(context.url).hostname,
    },
  };
}

/** Returns the JSON Web Key Set served at `/{tenant}/discovery/v2.0/keys` and `/{tenant}/discovery/keys`. */
export function jsonWebKeySet(context: TenantContext): SandboxResponse {
  return { status: 200, body: context.signingKey.jwks };
}
