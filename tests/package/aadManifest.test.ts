import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./testValues.js";

interface AadManifest {
  identifierUris: string[];
  signInAudience: string;
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
  appRoles: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
}

const aadManifest = JSON.parse(
  readFileSync(path.join(projectRoot, "appPackage", "aad.manifest.json"), "utf8"),
) as AadManifest;
const teamsManifestText = readFileSync(path.join(projectRoot, "appPackage", "manifest.json"), "utf8");

const microsoftGraphAppId = "00000003-0000-0000-c000-000000000000";

describe("Entra app manifest", () => {
  it("defines the admin and helpdesk app roles", () => {
    const roles = aadManifest.appRoles.map((role) => role.value).sort();

    expect(roles).toEqual(["TokenInventory.Admin", "TokenInventory.Helpdesk"]);
    for (const role of aadManifest.appRoles) {
      expect(role.allowedMemberTypes).toEqual(["User"]);
      expect(role.isEnabled).toBe(true);
      expect(role.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(aadManifest.appRoles.map((role) => role.id)).size).toBe(2);
  });

  it("exposes access_as_user to the Teams clients", () => {
    const scope = aadManifest.api.oauth2PermissionScopes.find((entry) => entry.value === "access_as_user");
    const teamsClients = aadManifest.api.preAuthorizedApplications.map((entry) => entry.appId).sort();

    expect(scope?.isEnabled).toBe(true);
    expect(teamsClients).toEqual(["1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"]);
    for (const client of aadManifest.api.preAuthorizedApplications) {
      expect(client.delegatedPermissionIds).toEqual([scope?.id]);
    }
  });

  it("uses the SSO identifier URI of the Teams manifest", () => {
    expect(aadManifest.identifierUris).toEqual(["api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"]);
    expect(teamsManifestText).toContain('"resource": "api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}"');
    expect(aadManifest.signInAudience).toBe("AzureADMyOrg");
    expect(aadManifest.api.requestedAccessTokenVersion).toBe(2);
  });

  it("requests the three Graph application permissions", () => {
    const graph = aadManifest.requiredResourceAccess.find((entry) => entry.resourceAppId === microsoftGraphAppId);

    expect(aadManifest.requiredResourceAccess).toHaveLength(1);
    expect(graph?.resourceAccess).toEqual(
      expect.arrayContaining([
        { id: "29c18626-4985-4dcd-85c0-193eef327366", type: "Role" }, // Policy.ReadWrite.AuthenticationMethod
        { id: "50483e42-d915-4231-9639-7fdb7fd190e5", type: "Role" }, // UserAuthenticationMethod.ReadWrite.All
        { id: "df021288-bdef-4463-88db-98f22de89214", type: "Role" }, // User.Read.All
      ]),
    );
    expect(graph?.resourceAccess).toHaveLength(3);
  });
});
