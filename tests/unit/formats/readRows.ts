import type { Readable } from "node:stream";
import { openSeedFile } from "../../../inventory/formats/openSeedFile.js";
import type { OpenSeedFileOptions, ParsedRow, SeedFile } from "../../../inventory/formats/types.js";

/** Opens a seed file and collects all its rows, for tests on small inputs. */
export async function readAllRows(
  input: Readable | Buffer | string,
  options: OpenSeedFileOptions = {},
): Promise<{ file: SeedFile; rows: ParsedRow[] }> {
  const file = await openSeedFile(input, options);
  const rows: ParsedRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { file, rows };
}

/** Returns the seed of a valid row, or fails with the row's problems. */
export function seedOf(row: ParsedRow | undefined) {
  if (row === undefined) throw new Error("the row is missing");
  if (row.seed === undefined) throw new Error(`row ${row.row} has problems: ${row.problems.map((p) => p.message).join(" | ")}`);
  return row.seed;
}
