import { ValidationError } from "../errors.js";
import { looksLikeSecret } from "./serialNumber.js";
import type { ColumnReport, SeedField } from "./types.js";

interface FieldSpec {
  /** Field name in messages: the Entra admin center's CSV header where it has one. */
  label: string;
  /** Accepted header names, already in the form of {@link normalizeColumnName}. */
  aliases: string[];
  required: boolean;
}

/**
 * Accepted column names. Serial number, secret key, time interval, manufacturer and model are
 * required because Graph needs each of them to create a device, and no default would be right for
 * every token: a 60-second token given the usual 30 seconds never activates.
 */
const fieldSpecs: Record<SeedField, FieldSpec> = {
  upn: { label: "upn", aliases: ["upn", "userprincipalname", "user"], required: false },
  serialNumber: { label: "serial number", aliases: ["serialnumber", "serial"], required: true },
  secretKey: { label: "secret key", aliases: ["secretkey", "secret", "seed", "key"], required: true },
  timeIntervalInSeconds: {
    label: "time interval",
    aliases: ["timeinterval", "timeintervalinseconds", "period", "interval"],
    required: true,
  },
  manufacturer: { label: "manufacturer", aliases: ["manufacturer", "vendor"], required: true },
  model: { label: "model", aliases: ["model"], required: true },
  hashFunction: { label: "hash", aliases: ["hash", "hashfunction", "algorithm"], required: false },
  displayName: { label: "display name", aliases: ["displayname", "name"], required: false },
  secretEncoding: { label: "encoding", aliases: ["encoding", "secretencoding"], required: false },
  digits: { label: "digits", aliases: ["digits"], required: false },
};

const fieldByAlias = new Map<string, SeedField>(
  Object.entries(fieldSpecs).flatMap(([field, spec]) => spec.aliases.map((alias) => [alias, field as SeedField] as const)),
);

/** Reduces a column name to its matching form: lower case without spaces, `_` or `-`. */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

/** Returns the field that a column name fills, or undefined for an unknown column. */
export function fieldOfColumn(name: string): SeedField | undefined {
  return fieldByAlias.get(normalizeColumnName(name));
}

/** Returns the label that messages use for a field. */
export function fieldLabel(field: SeedField): string {
  return fieldSpecs[field].label;
}

/**
 * Maps column names as written to fields and reports unknown ones. Empty names are skipped.
 * @throws {ValidationError} `duplicateHeader` when two columns fill the same field.
 */
export function mapColumns(names: readonly string[]): ColumnReport {
  const report: ColumnReport = { found: [], mapped: {}, unknown: [] };
  const columnOfField = new Map<SeedField, string>();

  for (const name of names) {
    if (name === "") continue;
    report.found.push(name);

    const field = fieldOfColumn(name);
    if (field === undefined) {
      report.unknown.push(name);
      continue;
    }

    const earlier = columnOfField.get(field);
    if (earlier !== undefined) {
      throw new ValidationError(
        "duplicateHeader",
        `The columns "${earlier}" and "${name}" both give the ${fieldSpecs[field].label}. Remove or rename one of them.`,
      );
    }
    columnOfField.set(field, name);
    report.mapped[name] = field;
  }

  return report;
}

/**
 * Checks that every required field has a column, so that no value silently falls back to a default.
 * @throws {ValidationError} `unmappedHeader` naming the missing fields, the columns found and the
 * accepted names.
 */
export function requireColumns(report: ColumnReport): void {
  const mappedFields = new Set(Object.values(report.mapped));
  const missing = (Object.keys(fieldSpecs) as SeedField[]).filter(
    (field) => fieldSpecs[field].required && !mappedFields.has(field),
  );
  if (missing.length === 0) return;

  const missingText = missing
    .map((field) => `"${fieldSpecs[field].label}" (also accepted: ${fieldSpecs[field].aliases.join(", ")})`)
    .join("; ");
  // A file without its header line has data in the first line: seeds there must not reach the message.
  const foundText =
    report.found.length > 0
      ? report.found.map((name) => (looksLikeSecret(name.trim()) ? `(a value of ${name.trim().length} characters, not shown)` : `"${name}"`)).join(", ")
      : "none";
  const looksLikeData = report.found.length > 0 && Object.keys(report.mapped).length === 0;
  throw new ValidationError(
    "unmappedHeader",
    `The header line has no column for ${missingText}. Columns found: ${foundText}. ` +
      `Required columns: ${requiredLabels().join(", ")}; optional: ${optionalLabels().join(", ")}. ` +
      (looksLikeData
        ? "The first line looks like data, not a header: add the header line (for example upn,serial number,secret key,time interval,manufacturer,model) and upload the file again."
        : "Rename or add the columns in the header line and upload the file again."),
  );
}

function requiredLabels(): string[] {
  return Object.values(fieldSpecs).filter((spec) => spec.required).map((spec) => spec.label);
}

function optionalLabels(): string[] {
  return Object.values(fieldSpecs).filter((spec) => !spec.required).map((spec) => spec.label);
}

/** Edit distance between two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The field an unknown column name was probably meant to be (a typo of an accepted name), if any. */
export function likelyField(name: string): SeedField | undefined {
  const normalized = normalizeColumnName(name);
  if (normalized.length < 3) return undefined;
  for (const [alias, field] of fieldByAlias) {
    const allowed = alias.length <= 4 ? 1 : 2;
    if (editDistance(normalized, alias) <= allowed) return field;
  }
  return undefined;
}

/**
 * Warnings about the header that do not stop the import but change what it does: an unknown
 * column that looks like a misspelt optional one (its values would be ignored), and no user
 * column in a mode that assigns.
 */
export function columnWarnings(report: ColumnReport, assigns: boolean): string[] {
  const mappedFields = new Set(Object.values(report.mapped));
  const warnings: string[] = [];
  for (const name of report.unknown) {
    const field = likelyField(name);
    if (field && !mappedFields.has(field)) {
      warnings.push(`Column "${name}" is not known, so its values are ignored. Did you mean "${fieldSpecs[field].label}"? Rename it and import again.`);
    }
  }
  if (assigns && !mappedFields.has("upn")) {
    warnings.push('The file has no user column ("upn"), so every token is imported unassigned.');
  }
  return warnings;
}
