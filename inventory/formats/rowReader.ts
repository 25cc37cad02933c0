import type { RowProblem } from "../types.js";
import { fieldLabel } from "./columns.js";
import type { RawRow, SeedField } from "./types.js";

/** Maximum length of a value quoted in a message; longer values are cut so messages stay readable. */
const MAX_QUOTED_LENGTH = 80;

/**
 * Reads the values of one raw row as trimmed text and collects the row's problems, each with the
 * row number and the column name as written in the file.
 */
export class RowReader {
  readonly problems: RowProblem[];

  constructor(private readonly raw: RawRow) {
    this.problems = [...raw.problems];
  }

  /** Row number, 1-based over data rows. */
  get row(): number {
    return this.raw.row;
  }

  /** Column name as written in the file, or the usual header name when the file has no such column. */
  column(field: SeedField): string {
    return this.raw.columnNames[field] ?? fieldLabel(field);
  }

  /** Value as the file gave it, before any conversion. */
  rawValue(field: SeedField): unknown {
    return this.raw.values[field];
  }

  /**
   * Returns the value as trimmed text, or undefined when it is absent or empty. JSON numbers
   * become their decimal text. Other JSON values, and text that is not valid UTF-8, are reported
   * as problems and return undefined.
   */
  text(field: SeedField): string | undefined {
    const value = this.raw.values[field];
    if (value === undefined || value === null) return undefined;

    if (typeof value === "number") return String(value);
    if (typeof value !== "string") {
      this.report(field, "invalidValue", `The value must be text, not a JSON ${Array.isArray(value) ? "array" : typeof value}.`);
      return undefined;
    }

    const trimmed = value.trim();
    if (trimmed.includes("\uFFFD")) {
      this.report(
        field,
        "invalidCharacters",
        'The value contains bytes that are not valid UTF-8. In Excel choose Save As, then "CSV UTF-8 (Comma delimited)", and upload that file.',
      );
      return undefined;
    }

    return trimmed === "" ? undefined : trimmed;
  }

  /** Returns the text of a field that Graph requires; reports a problem when it is missing. */
  requiredText(field: SeedField, instruction: string): string | undefined {
    const hadValue = this.raw.values[field] !== undefined && this.raw.values[field] !== null;
    const problemCount = this.problems.length;
    const value = this.text(field);
    if (value !== undefined || this.problems.length > problemCount) return value;

    const missing = hadValue ? "is empty" : "is missing";
    this.report(field, "missingValue", `The ${fieldLabel(field)} ${missing}. ${instruction}`);
    return undefined;
  }

  /** Adds a problem about one field; `message` is prefixed with the row and column. */
  report(field: SeedField, code: string, message: string): void {
    const column = this.column(field);
    this.problems.push({ code, column, message: `Row ${this.raw.row}, column "${column}": ${message}` });
  }
}

/** Quotes a value for a message, cut to a readable length. Never pass a seed. */
export function quote(value: string): string {
  const shortened = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
  return JSON.stringify(shortened);
}
