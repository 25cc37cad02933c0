import path from "node:path";
import os from "node:os";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppPackage, validateManifest, type BuildAppPackageResult } from "../../scripts/package-app.js";
import { ConfigurationError, ValidationError } from "../../inventory/errors.js";
import { devTestValues, projectRoot } from "./testValues.js";

interface BotCommandList {
  scopes: string[];
  commands: { title: string }[];
}

let outputDir: string;
let built: BuildAppPackageResult;

beforeAll(async () => {
  outputDir = mkdtempSync(path.join(os.tmpdir(), "app-package-"));
  built = await buildAppPackage({ envName: "dev", projectRoot, outputDir, values: devTestValues });
});

afterAll(() => {
  rmSync(outputDir, { recursive: true, force: true });
});

describe("buildAppPackage for dev", () => {
  it("writes a manifest that its schema accepts", () => {
    expect(built.manifest.manifestVersion).toBe("1.30");
    expect(validateManifest(built.manifest)).toEqual({ valid: true });
  });

  it("resolves every placeholder", () => {
    const text = JSON.stringify(built.manifest);

    expect(text).not.toContain("${{");
    expect(built.manifest.id).toBe(devTestValues.TEAMS_APP_ID);
    expect((built.manifest.name as { short: string }).short).toBe("Token Inventory");
  });

  it("zips exactly manifest and icons", async () => {
    const zip = await JSZip.loadAsync(readFileSync(built.zipPath));

    expect(path.basename(built.zipPath)).toBe("appPackage.dev.zip");
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);

    const zippedManifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
    expect(zippedManifest).toEqual(built.manifest);

    const zippedOutline = await zip.file("outline.png")!.async("nodebuffer");
    expect(zippedOutline.equals(readFileSync(path.join(projectRoot, "appPackage", "outline.png")))).toBe(true);
  });

  it("lists the three personal bot commands", () => {
    const bot = (built.manifest.bots as { scopes: string[]; supportsFiles: boolean; commandLists: BotCommandList[] }[])[0]!;
    const personal = bot.commandLists.find((list) => list.scopes.includes("personal"));

    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.supportsFiles).toBe(false);
    expect(personal?.commands.map((command) => command.title)).toEqual(["activate my token", "my tokens", "help"]);
  });

  it("offers set helpdesk channel in teams", () => {
    const bot = (built.manifest.bots as { commandLists: BotCommandList[] }[])[0]!;
    const team = bot.commandLists.find((list) => list.scopes.includes("team"));

    expect(team?.commands.map((command) => command.title)).toContain("set helpdesk channel");
  });

  it("points SSO at the tab domain", () => {
    const info = built.manifest.webApplicationInfo as { id: string; resource: string };
    const ssoResourcePattern = /^api:\/\/([a-z0-9.-]+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
    const match = ssoResourcePattern.exec(info.resource);

    expect(match).not.toBeNull();
    expect(match?.[1]).toBe(devTestValues.TAB_DOMAIN);
    expect(match?.[2]).toBe(info.id);
    expect(info.id).toBe(devTestValues.AAD_APP_CLIENT_ID);
    expect(built.manifest.validDomains).toContain(devTestValues.TAB_DOMAIN);
  });

  it("adds the admin tab as a personal static tab", () => {
    const tabs = built.manifest.staticTabs as { entityId: string; contentUrl?: string; scopes: string[] }[];
    const admin = tabs.find((tab) => tab.entityId === "admin");

    expect(admin?.scopes).toEqual(["personal"]);
    expect(admin?.contentUrl).toBe(`${devTestValues.TAB_ENDPOINT}/index.html`);
  });

  it("produces the same bytes twice", async () => {
    const secondDir = mkdtempSync(path.join(os.tmpdir(), "app-package-"));
    try {
      const second = await buildAppPackage({ envName: "dev", projectRoot, outputDir: secondDir, values: devTestValues });
      expect(readFileSync(second.zipPath).equals(readFileSync(built.zipPath))).toBe(true);
    } finally {
      rmSync(secondDir, { recursive: true, force: true });
    }
  });
});

describe("buildAppPackage failures", () => {
  it("names each unresolved placeholder", async () => {
    const attempt = buildAppPackage({ envName: "dev", projectRoot, outputDir, values: {} });

    await expect(attempt).rejects.toBeInstanceOf(ConfigurationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ConfigurationError;
    expect(error.code).toBe("unresolvedPlaceholders");
    for (const name of Object.keys(devTestValues)) expect(error.message).toContain(name);
    expect(error.message).not.toContain("APP_NAME_SUFFIX");
  });

  it("rejects a domain with a scheme", async () => {
    const attempt = buildAppPackage({ envName: "dev", projectRoot, outputDir, values: { ...devTestValues, TAB_DOMAIN: "https://tokens.contoso.example/" } });

    await expect(attempt).rejects.toMatchObject({ code: "invalidDomain" });
    await expect(attempt).rejects.toThrow('TAB_DOMAIN="https://tokens.contoso.example/"');
  });

  it("rejects an unknown environment", async () => {
    const attempt = buildAppPackage({ envName: "staging", projectRoot, outputDir, values: devTestValues });

    await expect(attempt).rejects.toMatchObject({ code: "missingEnvironmentFile" });
  });

  it("rejects an invalid environment name", async () => {
    const attempt = buildAppPackage({ envName: "../dev", projectRoot, outputDir, values: devTestValues });

    await expect(attempt).rejects.toMatchObject({ code: "invalidEnvironmentName" });
  });

  it("ignores SECRET_ values passed in", async () => {
    const attempt = buildAppPackage({
      envName: "dev",
      projectRoot,
      outputDir,
      values: { ...devTestValues, TEAMS_APP_ID: "", SECRET_TEAMS_APP_ID: devTestValues.TEAMS_APP_ID },
    });

    await expect(attempt).rejects.toMatchObject({ code: "unresolvedPlaceholders" });
  });

  describe("with a copied project", () => {
    let copyRoot: string;

    beforeAll(() => {
      copyRoot = mkdtempSync(path.join(os.tmpdir(), "app-package-project-"));
      cpSync(path.join(projectRoot, "appPackage"), path.join(copyRoot, "appPackage"), {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}build`),
      });
      cpSync(path.join(projectRoot, "env"), path.join(copyRoot, "env"), { recursive: true });
    });

    afterAll(() => {
      rmSync(copyRoot, { recursive: true, force: true });
    });

    it("rejects a secret placeholder in the manifest", async () => {
      const manifestPath = path.join(copyRoot, "appPackage", "manifest.json");
      const original = readFileSync(manifestPath, "utf8");
      writeFileSync(manifestPath, original.replace('"${{APP_VERSION}}"', '"${{SECRET_BOT_PASSWORD}}"'));
      try {
        const attempt = buildAppPackage({ envName: "dev", projectRoot: copyRoot, outputDir, values: devTestValues });

        await expect(attempt).rejects.toBeInstanceOf(ValidationError);
        await expect(attempt).rejects.toMatchObject({ code: "secretInManifest" });
      } finally {
        writeFileSync(manifestPath, original);
      }
    });

    it("reads non-secret values from the user file", async () => {
      const userFile = path.join(copyRoot, "env", ".env.dev.user");
      writeFileSync(userFile, `TEAMS_APP_ID=${devTestValues.TEAMS_APP_ID}\nSECRET_BOT_PASSWORD=not-in-the-package\n`);
      try {
        const { TEAMS_APP_ID: _fromUserFile, ...otherValues } = devTestValues;
        const result = await buildAppPackage({ envName: "dev", projectRoot: copyRoot, outputDir, values: otherValues });

        expect(result.manifest.id).toBe(devTestValues.TEAMS_APP_ID);
        expect(JSON.stringify(result.manifest)).not.toContain("not-in-the-package");
      } finally {
        rmSync(userFile);
      }
    });

    it("reports schema errors with their path", async () => {
      const attempt = buildAppPackage({
        envName: "dev",
        projectRoot: copyRoot,
        outputDir,
        values: { ...devTestValues, APP_NAME_SUFFIX: "-a-suffix-far-too-long-for-teams" },
      });

      await expect(attempt).rejects.toMatchObject({ code: "invalidManifest" });
      await expect(attempt).rejects.toThrow("/name/short must NOT have more than 30 characters");
    });
  });
});
