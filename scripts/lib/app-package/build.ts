import path from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { ConfigurationError, ValidationError } from "../../../inventory/errors.js";
import { pickNonSecretValues, readEnvironmentValues, secretNamePrefix } from "./environment.js";
import { checkIcons } from "./icons.js";
import { validateManifest } from "./manifest-schema.js";
import { listPlaceholders, substitutePlaceholders } from "./placeholders.js";

/** Folder of the project: the one that contains appPackage/ and env/. */
export const defaultProjectRoot = path.resolve(import.meta.dirname, "..", "..", "..");

/** Placeholders that may resolve to an empty string: the dev environment has no name suffix. */
export const optionalPlaceholders: ReadonlySet<string> = new Set(["APP_NAME_SUFFIX"]);

// A fixed file date makes two builds from the same inputs byte-identical (1980 is the zip epoch).
const zipEntryDate = new Date("1980-01-01T00:00:00Z");

/** Options of {@link buildAppPackage}. */
export interface BuildAppPackageOptions {
  /** Teams Toolkit environment whose env/.env.<envName> values fill the placeholders. */
  envName: string;
  /** Folder that contains appPackage/ and env/. @default the project of this script */
  projectRoot?: string;
  /** Folder for the zip file. @default <projectRoot>/appPackage/build */
  outputDir?: string;
  /**
   * Values that take precedence over the environment files, for example `process.env`. Empty
   * values and names that start with SECRET_ are ignored.
   */
  values?: Record<string, string | undefined>;
}

/** Output of {@link buildAppPackage}. */
export interface BuildAppPackageResult {
  /** Absolute path of appPackage.<envName>.zip. */
  zipPath: string;
  /** The manifest with every placeholder resolved, as it is in the zip. */
  manifest: Record<string, unknown>;
}

/**
 * Builds the Teams app package for one environment: fills the `${{NAME}}` placeholders of
 * appPackage/manifest.json, validates the result against its schema, checks the icons and writes
 * appPackage.<envName>.zip with manifest.json, color.png and outline.png at its root.
 * @throws ConfigurationError when the environment file is missing or placeholders have no value.
 * @throws ValidationError when the manifest references a secret, breaks the schema, or an icon is wrong.
 */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuildAppPackageResult> {
  const projectRoot = options.projectRoot ?? defaultProjectRoot;
  const appPackageDir = path.join(projectRoot, "appPackage");
  const outputDir = options.outputDir ?? path.join(appPackageDir, "build");

  const values = {
    ...readEnvironmentValues({ envName: options.envName, projectRoot }),
    ...pickNonSecretValues(options.values ?? {}),
  };
  checkDomainValues(values, options.envName);
  const manifest = resolveManifest(readFileSync(path.join(appPackageDir, "manifest.json"), "utf8"), values, options.envName);

  const validation = validateManifest(manifest);
  if (!validation.valid) {
    throw new ValidationError("invalidManifest", `The manifest for environment "${options.envName}" is invalid:\n- ${validation.errors.join("\n- ")}`);
  }

  const iconFiles = readIconFileNames(manifest);
  const icons = {
    color: readFileSync(path.join(appPackageDir, iconFiles.color)),
    outline: readFileSync(path.join(appPackageDir, iconFiles.outline)),
  };
  const iconCheck = checkIcons(icons);
  if (!iconCheck.valid) {
    throw new ValidationError("invalidIcons", `The app icons are invalid:\n- ${iconCheck.errors.join("\n- ")}`);
  }

  const zip = new JSZip();
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date: zipEntryDate });
  zip.file(path.basename(iconFiles.color), icons.color, { date: zipEntryDate });
  zip.file(path.basename(iconFiles.outline), icons.outline, { date: zipEntryDate });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });

  mkdirSync(outputDir, { recursive: true });
  const zipPath = path.join(outputDir, `appPackage.${options.envName}.zip`);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest };
}

/** Fills the placeholders of the manifest template and parses the result. */
/**
 * Checks that every *_DOMAIN value is a bare host name: a scheme or path there still passes the
 * manifest schema, but breaks validDomains and the SSO resource `api://<domain>/<client id>`.
 */
function checkDomainValues(values: Record<string, string>, envName: string): void {
  const wrong = Object.entries(values).filter(([name, value]) => name.endsWith("_DOMAIN") && value !== "" && !/^[A-Za-z0-9.-]+(:\d+)?$/.test(value));
  if (wrong.length === 0) return;
  throw new ValidationError(
    "invalidDomain",
    `${wrong.map(([name, value]) => `${name}="${value}"`).join(", ")} in env/.env.${envName} must be a host name only, ` +
      "such as tokens.contoso.com: no https:// and no path.",
  );
}

function resolveManifest(template: string, values: Record<string, string>, envName: string): Record<string, unknown> {
  const secretNames = listPlaceholders(template).filter((name) => name.startsWith(secretNamePrefix));
  if (secretNames.length > 0) {
    throw new ValidationError(
      "secretInManifest",
      `appPackage/manifest.json references ${secretNames.join(", ")}; secrets must never be part of the app package.`,
    );
  }

  const { text, unresolved } = substitutePlaceholders(template, values, { allowEmpty: optionalPlaceholders });
  if (unresolved.length > 0) {
    throw new ConfigurationError(
      "unresolvedPlaceholders",
      `appPackage/manifest.json needs values for ${unresolved.join(", ")}. ` +
        `Set them in env/.env.${envName} (Teams Toolkit provision writes most of them) or in the environment.`,
    );
  }

  return JSON.parse(text) as Record<string, unknown>;
}

function readIconFileNames(manifest: Record<string, unknown>): { color: string; outline: string } {
  // The schema check has passed, so icons.color and icons.outline are strings.
  const icons = manifest.icons as { color: string; outline: string };
  return { color: icons.color, outline: icons.outline };
}
