import type { TokenCredential } from "@azure/identity";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import { carryError } from "./carriedError.js";
import { toAuthenticationFailed, type GraphCredentialSettings } from "./credential.js";

/**
 * The Graph client's TokenCredentialAuthenticationProvider, with credential failures turned into
 * `authenticationFailed` errors that name the setting to check.
 */
export class CredentialAuthenticationProvider implements AuthenticationProvider {
  private readonly inner: TokenCredentialAuthenticationProvider;

  constructor(
    credential: TokenCredential,
    scope: string,
    private readonly settings: GraphCredentialSettings,
  ) {
    this.inner = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  }

  async getAccessToken(): Promise<string> {
    try {
      return await this.inner.getAccessToken();
    } catch (error) {
      throw carryError(toAuthenticationFailed(error, this.settings));
    }
  }
}
