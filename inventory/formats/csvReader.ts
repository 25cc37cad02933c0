import { Readable, pipeline } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { ValidationError } from "../errors.js";
import type { RowProblem } from "../types.js";
import { mapColumns, requireColumns } from "./columns.js";
import { detectCsvDialect } from "./csvDialect.js";
import type { SourceHead } from "./source.js";
import type { ColumnReport, RawRow, SeedField } from "./types.js";

/** Maximum record length, in characters, so a file without line breaks fails fast instead of filling memory. */
const MAX_RECORD_CHARACTERS = 100_000;

/** A CSV seed file whose header line has been read and checked. */
export interface CsvRows {
  columns: ColumnReport;
  /** Data rows in file order; throws `ValidationError` `invalidCsv` when the CSV syntax breaks. */
  rows: AsyncIterable<RawRow>;
}

/**
 * Reads the header line of a CSV seed file and returns its rows as a stream. Blank lines and
 * rows whose cells are all empty are skipped and not counted. Values are trimmed. Rows may omit
 * trailing empty cells.
 * @throws {ValidationError} `emptyFile` without a header line, `unmappedHeader` or
 * `duplicateHeader` for a header that does not fit, `invalidCsv` for broken CSV syntax.
 */
export async function readCsvRows(source: SourceHead): Promise<CsvRows> {
  const dialect = detectCsvDialect(source.head);
  const parser = parse({
    bom: true,
    delimiter: dialect.delimiter,
    trim: true,
    // A stray quote inside an unquoted value (Token2 "Classic") is kept as text.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  // A failure of the input destroys the parser, so it reaches the reader through the records iterator.
  pipeline(Readable.from(skipBytes(source.chunks(), dialect.skipBytes)), parser, () => undefined);

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const header = await nextRecord(records);
  if (header === undefined) {
    throw new ValidationError("emptyFile", "The file has no header line. Upload the seed file that the token vendor sent.");
  }

  const columns = mapColumns(header);
  requireColumns(columns);

  return { columns, rows: dataRows(records, header, columns, dialect.delimiter) };
}

async function* dataRows(
  records: AsyncIterator<string[]>,
  header: string[],
  columns: ColumnReport,
  delimiter: string,
): AsyncGenerator<RawRow> {
  const fieldByIndex = header.map((name) => (name === "" ? undefined : columns.mapped[name]));
  let row = 0;

  try {
    for (let record = await nextRecord(records); record !== undefined; record = await nextRecord(records)) {
      row += 1;
      yield toRawRow(row, record, header, fieldByIndex, delimiter);
    }
  } finally {
    await records.return?.();
  }
}

function toRawRow(
  row: number,
  record: string[],
  header: string[],
  fieldByIndex: (SeedField | undefined)[],
  delimiter: string,
): RawRow {
  const raw: RawRow = { row, values: {}, columnNames: {}, problems: [] };

  for (const [index, field] of fieldByIndex.entries()) {
    if (field === undefined) continue;
    raw.values[field] = record[index] ?? "";
    raw.columnNames[field] = header[index];
  }

  const extraValues = record.slice(header.length).filter((value) => value !== "");
  if (extraValues.length > 0) raw.problems.push(extraValuesProblem(row, record.length, header.length, delimiter));

  return raw;
}

function extraValuesProblem(row: number, valueCount: number, columnCount: number, delimiter: string): RowProblem {
  const delimiterName = delimiter === "\t" ? "tab" : `"${delimiter}"`;
  return {
    code: "extraValues",
    message:
      `Row ${row} has ${valueCount} values but the header line has ${columnCount} columns. ` +
      `A value probably contains the delimiter ${delimiterName}: put that value in double quotes, or remove the extra values.`,
  };
}

async function nextRecord(records: AsyncIterator<string[]>): Promise<string[] | undefined> {
  try {
    const next = await records.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse attaches the record to its error, so neither the error nor its message is passed on.
    const line = typeof error.lines === "number" ? ` at line ${error.lines}` : "";
    throw new ValidationError(
      "invalidCsv",
      `The CSV file cannot be read${line} (${error.code}). Check the quotes on that line: a value that contains ` +
        "a quote, delimiter or line break must be in double quotes, with inner quotes doubled.",
    );
  }
}

async function* skipBytes(chunks: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let remaining = count;
  for await (const chunk of chunks) {
    if (remaining >= chunk.length) {
      remaining -= chunk.length;
      continue;
    }
    yield remaining > 0 ? chunk.subarray(remaining) : chunk;
    remaining = 0;
  }
}
