import path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { CheckResult } from "./types.js";

const require = createRequire(import.meta.url);

/** Folder of the Teams manifest schemas that ship with @microsoft/app-manifest (one v<x> folder per version). */
export const teamsSchemaFolder = path.join(
  path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
  "build",
  "json-schemas",
  "teams",
);

const compiledValidators = new Map<string, ValidateFunction>();

/**
 * Validates a Teams app manifest against the JSON schema of its own `manifestVersion`, read from
 * @microsoft/app-manifest, so no network is needed. Returns every problem as
 * "<JSON pointer> <ajv message>", for example "/name/short must NOT have more than 30 characters".
 */
export function validateManifest(manifest: unknown): CheckResult {
  const manifestVersion = readManifestVersion(manifest);
  if (manifestVersion === undefined) {
    return { valid: false, errors: ["/manifestVersion is missing: set it to a schema version such as \"1.30\"."] };
  }

  const schemaFile = schemaFileFor(manifestVersion);
  if (!existsSync(schemaFile)) {
    const known = readdirSync(teamsSchemaFolder).sort().join(", ");
    return {
      valid: false,
      errors: [`/manifestVersion "${manifestVersion}" has no schema in ${teamsSchemaFolder}; known versions: ${known}.`],
    };
  }

  const validate = compiledValidator(schemaFile);
  if (validate(manifest)) return { valid: true };
  return { valid: false, errors: (validate.errors ?? []).map(describeError) };
}

function readManifestVersion(manifest: unknown): string | undefined {
  if (typeof manifest !== "object" || manifest === null) return undefined;
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  return typeof version === "string" && version !== "" ? version : undefined;
}

function schemaFileFor(manifestVersion: string): string {
  const folder = manifestVersion === "devPreview" ? "vDevPreview" : `v${manifestVersion}`;
  return path.join(teamsSchemaFolder, folder, "MicrosoftTeams.schema.json");
}

function compiledValidator(schemaFile: string): ValidateFunction {
  const cached = compiledValidators.get(schemaFile);
  if (cached) return cached;

  const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as { $schema?: string };
  const ajv = ajvForDraft(schema.$schema ?? "");
  const validate = ajv.compile(schema);
  compiledValidators.set(schemaFile, validate);
  return validate;
}

/** Picks the Ajv class for the JSON Schema draft that the schema declares (the Teams schemas use draft-04). */
function ajvForDraft(draft: string): Ajv {
  // strict: false because the Teams schemas break Ajv's strictTypes rule (additionalProperties without type).
  const options = { allErrors: true, strict: false };
  let ajv: Ajv;
  if (draft.includes("draft-04")) ajv = new AjvDraft04(options);
  else if (draft.includes("2020-12")) ajv = new Ajv2020(options);
  else ajv = new Ajv(options);
  addFormats(ajv);
  return ajv;
}

function describeError(error: ErrorObject): string {
  const location = error.instancePath === "" ? "/" : error.instancePath;
  const details: string[] = [];
  if (error.keyword === "additionalProperties") details.push(`"${String(error.params.additionalProperty)}"`);
  if (error.keyword === "enum") details.push(`allowed: ${JSON.stringify(error.params.allowedValues)}`);
  const suffix = details.length > 0 ? ` (${details.join(", ")})` : "";
  return `${location} ${error.message ?? error.keyword}${suffix}`;
}
