export { openSeedFile } from "./openSeedFile.js";
export { normalizeRow, type NormalizeRowOptions } from "./normalizeRow.js";
export type { ColumnReport, OpenSeedFileOptions, ParsedRow, RawRow, SeedField, SeedFile } from "./types.js";
export { columnWarnings } from "./columns.js";
