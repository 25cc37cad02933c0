/** Delimiter of a CSV file and the offset of its header line. */
export interface CsvDialect {
  delimiter: string;
  /** Bytes before the header line: a `sep=` line that Excel writes, with its line break. */
  skipBytes: number;
}

/** Delimiters that detection chooses from; a `sep=` line may name any other character. */
const delimiters = [",", ";", "\t", "|"];

/**
 * Decides the delimiter of a CSV file from its first bytes (without a byte order mark). A first
 * line `sep=;` (written by Excel, possibly quoted or followed by further delimiters) names the
 * delimiter and is skipped. Otherwise the header line decides: the candidate that occurs most
 * often outside double quotes wins, and a comma when none occurs. Only one delimiter is ever
 * used, so a value like "Classic, C202" in a semicolon file stays whole.
 */
export function detectCsvDialect(head: Buffer): CsvDialect {
  const text = head.toString("utf8");

  const sepLine = /^"?sep=(.)[^\r\n]*(\r\n|\n|\r|$)/i.exec(text);
  if (sepLine && !/["\r\n]/.test(sepLine[1]!)) {
    return { delimiter: sepLine[1]!, skipBytes: Buffer.byteLength(sepLine[0], "utf8") };
  }

  const headerLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  return { delimiter: mostFrequentDelimiter(headerLine), skipBytes: 0 };
}

function mostFrequentDelimiter(line: string): string {
  const counts = new Map(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;

  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }

  let best = ",";
  for (const [delimiter, count] of counts) {
    if (count > counts.get(best)!) best = delimiter;
  }
  return best;
}
