/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or, for tab
 * and carriage return, that those programs strip before they look for one).
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Formats one CSV cell: prefixes a single quote when the text could run as a spreadsheet formula,
 * then quotes it when it contains a comma, quote or line break (RFC 4180), a semicolon (the
 * delimiter of Excel in many locales) or spaces at either end (which spreadsheets would drop).
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  let text = String(value);

  if (formulaStart.test(text)) text = `'${text}`;
  if (/[",;\r\n]/.test(text) || text !== text.trim()) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** One column of a CSV export: the header text and how to read the cell from a record. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

/** Builds a CSV document (CRLF line ends, header first) whose cells cannot run as formulas. */
export function toCsv<Row>(rows: Iterable<Row>, columns: CsvColumn<Row>[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(column.value(row))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
