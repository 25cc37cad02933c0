import path from "node:path";
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./testValues.js";

const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function readProjectFile(relativePath: string): string {
  return readFileSync(path.join(projectRoot, relativePath), "utf8");
}

function placeholdersIn(...relativePaths: string[]): string[] {
  const names = new Set<string>();
  for (const relativePath of relativePaths) {
    for (const match of readProjectFile(relativePath).matchAll(placeholderPattern)) names.add(match[1]!);
  }
  return [...names].sort();
}

function namesDefinedIn(...relativePaths: string[]): Set<string> {
  const names = new Set<string>();
  for (const relativePath of relativePaths) {
    for (const name of Object.keys(parseEnv(readProjectFile(relativePath)))) names.add(name);
  }
  return names;
}

/** Names that a step of a Teams Toolkit project file writes (writeToEnvironmentFile or set-teamsfx-env). */
function namesWrittenBy(relativePath: string): Set<string> {
  const text = readProjectFile(relativePath);
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]+)\s*$/gm)) names.add(match[1]!);
  for (const match of text.matchAll(/set-teamsfx-env ([A-Z][A-Z0-9_]+)=/g)) names.add(match[1]!);
  return names;
}

describe("provisioning files", () => {
  const environments = [
    {
      name: "dev",
      projectFile: "teamsapp.yml",
      referencing: ["teamsapp.yml", "appPackage/manifest.json", "appPackage/aad.manifest.json", "infra/azure.parameters.json"],
    },
    {
      name: "local",
      projectFile: "teamsapp.local.yml",
      referencing: ["teamsapp.local.yml", "appPackage/manifest.json", "appPackage/aad.manifest.json"],
    },
  ];

  for (const environment of environments) {
    it(`define every placeholder for ${environment.name}`, () => {
      const defined = namesDefinedIn(`env/.env.${environment.name}`, `env/.env.${environment.name}.user.sample`);
      // aadApp/update generates this scope id itself when the variable is empty.
      defined.add("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");

      const undefinedNames = placeholdersIn(...environment.referencing).filter((name) => !defined.has(name));

      expect(undefinedNames).toEqual([]);
    });

    it(`list every value that ${environment.projectFile} writes`, () => {
      const listed = namesDefinedIn(`env/.env.${environment.name}`, `env/.env.${environment.name}.user.sample`);

      const unlisted = [...namesWrittenBy(environment.projectFile)].filter((name) => !listed.has(name));

      expect(unlisted).toEqual([]);
    });
  }

  it("keep secrets out of committed env files", () => {
    for (const name of ["dev", "local"]) {
      const secretNames = [...namesDefinedIn(`env/.env.${name}`)].filter((entry) => entry.startsWith("SECRET_"));
      expect(secretNames, `env/.env.${name}`).toEqual([]);
    }
  });

  it("pass only parameters the Bicep file declares", () => {
    const bicep = readProjectFile("infra/azure.bicep");
    const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((match) => match[1]!));
    const parameters = JSON.parse(readProjectFile("infra/azure.parameters.json")) as { parameters: Record<string, unknown> };

    const unknownParameters = Object.keys(parameters.parameters).filter((name) => !declared.has(name));

    expect(unknownParameters).toEqual([]);
  });

  it("list every Bicep output in env/.env.dev", () => {
    const bicep = readProjectFile("infra/azure.bicep");
    const outputs = [...bicep.matchAll(/^output (\w+) /gm)].map((match) => match[1]!);
    const listed = namesDefinedIn("env/.env.dev");

    expect(outputs.filter((name) => !listed.has(name))).toEqual([]);
    expect(outputs).toEqual(expect.arrayContaining(["BOT_AZURE_APP_SERVICE_RESOURCE_ID", "TAB_DOMAIN", "TAB_ENDPOINT"]));
  });

  it("update the Entra app after the tab domain exists", () => {
    const provision = readProjectFile("teamsapp.yml");

    expect(provision.indexOf("uses: arm/deploy")).toBeGreaterThan(0);
    expect(provision.indexOf("uses: aadApp/update")).toBeGreaterThan(provision.indexOf("uses: arm/deploy"));
  });
});
