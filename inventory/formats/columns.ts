import { ValidationError } from "../errors.js";
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
  const foundText = report.found.length > 0 ? report.found.map((name) => `"${name}"`).join(", ") : "none";
  throw new ValidationError(
    "unmappedHeader",
    `The header line has no column for ${missingText}. Columns found: ${foundText}. ` +
      `Required columns: ${requiredLabels().join(", ")}; optional: ${optionalLabels().join(", ")}. ` +
      "Rename or add the columns in the header line and upload the file again.",
  );
}

function requiredLabels(): string[] {
  return Object.values(fieldSpecs).filter((spec) => spec.required).map((spec) => spec.label);
}

function optionalLabels(): string[] {
  return Object.values(fieldSpecs).filter((spec) => !spec.required).map((spec) => spec.label);
}
