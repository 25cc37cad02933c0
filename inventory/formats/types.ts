import type { RowProblem, SeedRow } from "../types.js";
import type { SecretEncoding } from "../totp/secret.js";

/** Fields that a seed file column or JSON property can map to; names follow Graph. */
export type SeedField =
  | "upn"
  | "serialNumber"
  | "secretKey"
  | "timeIntervalInSeconds"
  | "manufacturer"
  | "model"
  | "hashFunction"
  | "displayName"
  | "secretEncoding"
  | "digits";

/** Mapping of the file's columns (CSV headers or JSON property names) to fields. */
export interface ColumnReport {
  /** Column names as written in the file, in file order; empty header cells are left out. */
  found: string[];
  /** Column name as written → the field it fills. */
  mapped: Record<string, SeedField>;
  /** Column names that map to no field; their values are ignored. */
  unknown: string[];
}

/**
 * One data row of a seed file, numbered from 1 over data rows only: the header, a `sep=` line and
 * blank lines are not counted. A valid row carries a {@link SeedRow}; an invalid one carries its
 * problems and, for the report, the serial number and UPN as written.
 */
export type ParsedRow =
  | {
      row: number;
      seed: SeedRow;
      problems: [];
      /** Facts the admin should see in the preview, such as "converted from hex". */
      notes: string[];
    }
  | {
      row: number;
      seed?: undefined;
      problems: RowProblem[];
      serialNumber?: string;
      upn?: string;
    };

/** A seed file opened for reading. `rows` streams; iterate it once. */
export interface SeedFile {
  format: "csv" | "json";
  columns: ColumnReport;
  rows: AsyncIterable<ParsedRow>;
}

/** Options of `openSeedFile`. */
export interface OpenSeedFileOptions {
  /** Name of the uploaded file; a `.json` or `.csv` ending decides the format. */
  fileName?: string;
  /** Encoding of every secret in the file, for files whose secrets could be read either way. */
  secretEncoding?: SecretEncoding;
}

/** A row before normalisation: values by field, as the file gave them. */
export interface RawRow {
  row: number;
  /** Strings from CSV; any JSON value from JSON. Undefined when the column or property is absent. */
  values: Partial<Record<SeedField, unknown>>;
  /** Column name as written for each field, for messages. */
  columnNames: Partial<Record<SeedField, string>>;
  /** Problems the reader found in the row's shape, such as values beyond the last column. */
  problems: RowProblem[];
}
