import { timingSafeEqual } from "node:crypto";
import { issueAppToken, type ClientAuthentication } from "./accessTokens.js";
import { checkClientAssertion } from "./clientAssertion.js";
import type { TenantContext } from "./context.js";
import { entraError } from "./entraErrors.js";
import { formBody, type SandboxRequest, type SandboxResponse } from "./http.js";

const jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const graphScopes = new Set(["https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default"]);

/**
 * Handles `POST /{tenant}/oauth2/v2.0/token` for the client-credentials grant, authenticated with
 * the app's client secret or a client assertion, with a Graph access token or an Entra error.
 */
export async function handleTokenRequest(context: TenantContext, request: SandboxRequest): Promise<SandboxResponse> {
  const form = formBody(request);
  const { app } = context;

  const grantType = form.get("grant_type");
  if (!grantType) return missingParameter(request, "grant_type");
  if (grantType !== "client_credentials") {
    return entraError(request, 400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'. The sandbox supports client_credentials only.`);
  }

  const clientId = form.get("client_id");
  if (!clientId) return missingParameter(request, "client_id");
  if (clientId.toLowerCase() !== app.clientId.toLowerCase()) {
    return entraError(
      request,
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${app.tenantId}'. Use the clientId from the sandbox app.json.`,
    );
  }

  const scope = form.get("scope");
  if (!scope) return missingParameter(request, "scope");
  if (!graphScopes.has(scope.trim())) {
    return entraError(
      request,
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must request https://graph.microsoft.com/.default.`,
    );
  }

  const authentication = await authenticateClient(context, request, form, clientId);
  if ("status" in authentication) return authentication;

  const { token, expiresIn } = await issueAppToken(context, authentication.method);
  return {
    status: 200,
    body: { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token },
  };
}

async function authenticateClient(
  context: TenantContext,
  request: SandboxRequest,
  form: URLSearchParams,
  clientId: string,
): Promise<{ method: ClientAuthentication } | SandboxResponse> {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");

  if (secret !== null) {
    if (!secretsEqual(secret, context.app.clientSecret)) {
      return entraError(
        request,
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    if (!context.knobs.clientSecretValid) {
      return entraError(request, 401, "invalid_client", 7000222, `The provided client secret keys for app '${clientId}' are expired. Create a new client secret.`);
    }
    return { method: "secret" };
  }

  if (assertion !== null) {
    if (form.get("client_assertion_type") !== jwtBearerAssertionType) {
      return entraError(request, 400, "invalid_request", 90014, `client_assertion_type must be '${jwtBearerAssertionType}'.`);
    }
    const check = await checkClientAssertion(context, assertion, clientId);
    if (!check.valid) return entraError(request, 401, "invalid_client", check.aadstsCode, check.description);
    return { method: "certificate" };
  }

  return entraError(request, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

function missingParameter(request: SandboxRequest, name: string): SandboxResponse {
  return entraError(request, 400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
}

function secretsEqual(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given);
  const expectedBytes = Buffer.from(expected);
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}
