import { ValidationError } from "../errors.js";
import type { RowProblem } from "../types.js";
import { fieldOfColumn } from "./columns.js";
import type { SourceHead } from "./source.js";
import type { ColumnReport, RawRow } from "./types.js";

/**
 * Largest JSON file read, in bytes. JSON is parsed whole: 100,000 devices take about 25 MB.
 * NOTE: a larger JSON file must be split; CSV files stream and have no such limit.
 */
const MAX_JSON_BYTES = 100 * 1024 * 1024;

/** A JSON seed file: its property names and its device objects as rows. */
export interface JsonRows {
  columns: ColumnReport;
  rows: AsyncIterable<RawRow>;
}

/**
 * Reads a JSON seed file: a Graph delta body `{"@context":"#$delta","value":[…]}` or a bare
 * array of device objects with Graph property names. Property names match like CSV headers;
 * annotations such as `@contentId` are ignored.
 * @throws {ValidationError} `invalidJson` for JSON that does not parse or has another shape,
 * `fileTooLarge` above 100 MiB.
 */
export async function readJsonRows(source: SourceHead): Promise<JsonRows> {
  const text = await readText(source);
  const devices = parseDevices(text);
  const columns = reportColumns(devices);

  return { columns, rows: toRawRows(devices) };
}

async function readText(source: SourceHead): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;

  for await (const chunk of source.chunks()) {
    length += chunk.length;
    if (length > MAX_JSON_BYTES) {
      throw new ValidationError(
        "fileTooLarge",
        `The JSON file is larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB. Split it into smaller files, or convert it to CSV.`,
      );
    }
    chunks.push(chunk);
  }

  return Buffer.concat(chunks).toString("utf8");
}

function parseDevices(text: string): unknown[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text near the fault, which may be a seed.
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    throw new ValidationError(
      "invalidJson",
      `The file is not valid JSON${position ? ` (syntax error at character ${position})` : ""}. ` +
        "Check it in a JSON editor, or export it again from the vendor's tool.",
    );
  }

  if (Array.isArray(document)) return document;
  if (isObject(document) && Array.isArray(document.value)) return document.value;

  throw new ValidationError(
    "invalidJson",
    'The JSON file has an unexpected shape. Expected an array of devices, or a Graph delta body {"@context":"#$delta","value":[…]}.',
  );
}

function reportColumns(devices: unknown[]): ColumnReport {
  const report: ColumnReport = { found: [], mapped: {}, unknown: [] };
  const seen = new Set<string>();

  for (const device of devices) {
    if (!isObject(device)) continue;

    for (const name of Object.keys(device)) {
      if (name.startsWith("@") || seen.has(name)) continue;
      seen.add(name);
      report.found.push(name);

      const field = fieldOfColumn(name);
      if (field === undefined) report.unknown.push(name);
      else report.mapped[name] = field;
    }
  }

  return report;
}

async function* toRawRows(devices: unknown[]): AsyncGenerator<RawRow> {
  for (const [index, device] of devices.entries()) {
    yield toRawRow(index + 1, device);
  }
}

function toRawRow(row: number, device: unknown): RawRow {
  const raw: RawRow = { row, values: {}, columnNames: {}, problems: [] };
  if (!isObject(device)) {
    raw.problems.push(notAnObjectProblem(row));
    return raw;
  }

  for (const [name, value] of Object.entries(device)) {
    const field = fieldOfColumn(name);
    if (name.startsWith("@") || field === undefined) continue;

    const earlier = raw.columnNames[field];
    if (earlier !== undefined) {
      raw.problems.push(duplicatePropertyProblem(row, earlier, name));
      continue;
    }
    raw.values[field] = value;
    raw.columnNames[field] = name;
  }

  return raw;
}

function notAnObjectProblem(row: number): RowProblem {
  return {
    code: "invalidDevice",
    message: `Row ${row}: the array element is not a JSON object. Each element must be a device like {"serialNumber": "…", "secretKey": "…"}.`,
  };
}

function duplicatePropertyProblem(row: number, earlier: string, name: string): RowProblem {
  return {
    code: "duplicateProperty",
    message: `Row ${row}: the properties "${earlier}" and "${name}" give the same value. Remove one of them.`,
    column: name,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
