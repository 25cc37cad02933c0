import { inferHashFunction, parseHashFunction } from "../totp/hash.js";
import { normalizeSecret, type NormalizedSecret, type SecretEncoding } from "../totp/secret.js";
import type { HashFunction, SeedRow, TimeInterval } from "../types.js";
import { quote, RowReader } from "./rowReader.js";
import { checkSerialNumber, looksLikeSecret } from "./serialNumber.js";
import { fieldLabel } from "./columns.js";
import type { ParsedRow, RawRow } from "./types.js";
import { checkUpn } from "./upn.js";

/** Options of {@link normalizeRow}. */
export interface NormalizeRowOptions {
  /** Encoding of secrets in rows without their own encoding value. */
  secretEncoding?: SecretEncoding;
}

type ValidSecret = Extract<NormalizedSecret, { ok: true }>;

/**
 * Turns one raw row into a {@link SeedRow} ready for Graph, or into the list of its problems.
 * Every problem names the row, the column and the value (never the seed) and states what to fix.
 * Nothing is defaulted except the hash, which is inferred from the seed length (20 bytes SHA-1,
 * 32 bytes SHA-256) and marked `hashInferred`.
 */
export function normalizeRow(raw: RawRow, options: NormalizeRowOptions = {}): ParsedRow {
  const misplaced = misplacedSecret(raw);
  if (misplaced) return misplaced;

  const reader = new RowReader(raw);
  const notes: string[] = [];

  const serialNumber = readSerialNumber(reader);
  const upn = readUpn(reader, notes);
  const secret = readSecret(reader, options, notes);
  const hash = secret ? readHashFunction(reader, secret, notes) : undefined;
  const timeIntervalInSeconds = readTimeInterval(reader);
  checkDigits(reader);
  const manufacturer = reader.requiredText("manufacturer", "Entra ID needs the manufacturer to create the token, for example Token2.");
  const model = reader.requiredText("model", "Entra ID needs the model to create the token, for example C202.");
  const displayName = reader.text("displayName");

  if (
    reader.problems.length > 0 ||
    serialNumber === undefined ||
    secret === undefined ||
    hash === undefined ||
    timeIntervalInSeconds === undefined ||
    manufacturer === undefined ||
    model === undefined
  ) {
    return { row: raw.row, problems: reader.problems, serialNumber: textOf(raw.values.serialNumber), upn: textOf(raw.values.upn) };
  }

  const seed: SeedRow = {
    row: raw.row,
    serialNumber,
    secretKey: secret.secretKey,
    timeIntervalInSeconds,
    hashFunction: hash.hashFunction,
    hashInferred: hash.inferred,
    manufacturer,
    model,
    ...(displayName === undefined ? {} : { displayName }),
    ...(upn === undefined ? {} : { upn }),
  };
  return { row: raw.row, seed, problems: [], notes };
}

function readSerialNumber(reader: RowReader): string | undefined {
  if (typeof reader.rawValue("serialNumber") === "number") {
    reader.report(
      "serialNumber",
      "invalidSerialNumber",
      `The serial number ${String(reader.rawValue("serialNumber"))} is a JSON number. Write it as a JSON string in quotes, because numbers lose leading zeros and digits after the 15th.`,
    );
    return undefined;
  }

  const value = reader.requiredText("serialNumber", "Add the serial number printed on the token.");
  if (value === undefined) return undefined;

  const check = checkSerialNumber(value);
  if (!check.ok) {
    reader.report("serialNumber", check.code, check.message);
    return undefined;
  }
  return check.serialNumber;
}

function readUpn(reader: RowReader, notes: string[]): string | undefined {
  const upn = reader.text("upn");
  if (upn === undefined) {
    notes.push("No user is given: the token will be created unassigned.");
    return undefined;
  }

  const problem = checkUpn(upn);
  if (problem !== undefined) reader.report("upn", "invalidUpn", problem);
  return upn;
}

function readSecret(reader: RowReader, options: NormalizeRowOptions, notes: string[]): ValidSecret | undefined {
  const declared = readSecretEncoding(reader);
  if (declared === "invalid") return undefined;

  const value = reader.requiredText("secretKey", "Add the seed from the vendor's file.");
  if (value === undefined) return undefined;

  const secret = normalizeSecret(value, declared ?? options.secretEncoding);
  if (!secret.ok) {
    reader.report("secretKey", secret.problem.code, secret.problem.message);
    return undefined;
  }

  if (secret.sourceEncoding === "hex") notes.push("The secret key was converted from hex to Base32.");
  return secret;
}

function readSecretEncoding(reader: RowReader): SecretEncoding | "invalid" | undefined {
  const value = reader.text("secretEncoding");
  if (value === undefined) return undefined;

  const normalized = value.toLowerCase().replace(/[\s_-]/g, "");
  if (normalized === "hex" || normalized === "base32") return normalized;

  reader.report("secretEncoding", "invalidSecretEncoding", `The encoding ${quote(value)} is not supported. Write hex or base32.`);
  return "invalid";
}

function readHashFunction(
  reader: RowReader,
  secret: ValidSecret,
  notes: string[],
): { hashFunction: HashFunction; inferred: boolean } | undefined {
  const value = reader.text("hashFunction");
  if (value !== undefined) {
    const hashFunction = parseHashFunction(value);
    if (hashFunction !== undefined) return { hashFunction, inferred: false };

    reader.report(
      "hashFunction",
      "unsupportedHashFunction",
      `The hash ${quote(value)} is not supported. Entra ID accepts SHA1 (hmacsha1) or SHA256 (hmacsha256).`,
    );
    return undefined;
  }

  const inferred = inferHashFunction(secret.byteLength);
  if (inferred === undefined) {
    reader.report(
      "hashFunction",
      "missingHashFunction",
      `The hash is not given and the seed has ${secret.byteLength} bytes, which is neither 20 (SHA-1) nor 32 (SHA-256). ` +
        "Add a hash column with SHA1 or SHA256 as the vendor's documentation states.",
    );
    return undefined;
  }

  notes.push(`The hash was not given: ${inferred} was chosen because the seed has ${secret.byteLength} bytes.`);
  return { hashFunction: inferred, inferred: true };
}

function readTimeInterval(reader: RowReader): TimeInterval | undefined {
  const value = reader.requiredText("timeIntervalInSeconds", "Write 30 or 60, the seconds between codes that the vendor's file states.");
  if (value === undefined) return undefined;

  if (value === "30" || value === "60") return Number(value) as TimeInterval;

  reader.report(
    "timeIntervalInSeconds",
    "unsupportedTimeInterval",
    `The time interval ${quote(value)} is not supported. Entra ID accepts 30 or 60 seconds: write the value that the vendor's file states.`,
  );
  return undefined;
}

function checkDigits(reader: RowReader): void {
  const value = reader.text("digits");
  if (value === undefined || value === "6") return;

  reader.report(
    "digits",
    "unsupportedDigits",
    `The token shows ${quote(value)} digits, but Entra ID accepts only 6-digit tokens. Leave this token out of the file.`,
  );
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number") return String(value);
  return undefined;
}

/**
 * Rejects a row in which a column other than the secret key holds a seed-shaped value, as when
 * columns are shifted or swapped. No value of such a row is shown anywhere: a message, report,
 * audit entry or card could otherwise carry the seed.
 */
function misplacedSecret(raw: RawRow): ParsedRow | undefined {
  const fields = (Object.keys(raw.values) as (keyof RawRow["values"])[]).filter((field) => {
    const value = raw.values[field];
    return field !== "secretKey" && typeof value === "string" && looksLikeSecret(value);
  });
  if (fields.length === 0) return undefined;

  const columns = fields.map((field) => `"${raw.columnNames[field] ?? fieldLabel(field)}"`).join(", ");
  return {
    row: raw.row,
    problems: [
      {
        code: "secretInWrongColumn",
        column: raw.columnNames[fields[0]!],
        message: `The column ${columns} holds a value that looks like a secret key, so this row is neither shown nor imported. Check that the values are in the order of the header line.`,
      },
    ],
  };
}
