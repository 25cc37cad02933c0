import type { Readable } from "node:stream";
import { readCsvRows } from "./csvReader.js";
import { readJsonRows } from "./jsonReader.js";
import { normalizeRow, type NormalizeRowOptions } from "./normalizeRow.js";
import { readHead } from "./source.js";
import type { OpenSeedFileOptions, ParsedRow, RawRow, SeedFile } from "./types.js";

/**
 * Opens a vendor seed file (CSV or JSON) and returns its columns and a stream of normalised rows.
 * The format comes from the file name's ending, else from the first character (`{` or `[` is
 * JSON). CSV rows stream through csv-parse, so memory stays flat for large files; JSON is parsed
 * whole. Rows are numbered from 1 over data rows: the header, a `sep=` line and blank lines are
 * not counted. Problems with single rows are values in the rows; faults of the whole file throw.
 * @throws {ValidationError} `emptyFile`, `unsupportedEncoding` (UTF-16, "save as CSV UTF-8"),
 * `unsupportedFormat`, `unmappedHeader`, `duplicateHeader`, `invalidJson` or `fileTooLarge` when
 * the file is opened, and `invalidCsv` while rows are read.
 */
export async function openSeedFile(input: Readable | Buffer | string, options: OpenSeedFileOptions = {}): Promise<SeedFile> {
  const source = await readHead(input);
  const format = detectFormat(options.fileName, source.head);
  const rowOptions: NormalizeRowOptions = options.secretEncoding ? { secretEncoding: options.secretEncoding } : {};

  const { columns, rows } = format === "json" ? await readJsonRows(source) : await readCsvRows(source);
  return { format, columns, rows: normalizeRows(rows, rowOptions) };
}

function detectFormat(fileName: string | undefined, head: Buffer): "csv" | "json" {
  const ending = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ending === "json") return "json";
  if (ending === "csv" || ending === "txt") return "csv";

  const firstCharacter = head.toString("utf8").trimStart()[0];
  return firstCharacter === "{" || firstCharacter === "[" ? "json" : "csv";
}

async function* normalizeRows(rows: AsyncIterable<RawRow>, options: NormalizeRowOptions): AsyncGenerator<ParsedRow> {
  for await (const raw of rows) {
    yield normalizeRow(raw, options);
  }
}
