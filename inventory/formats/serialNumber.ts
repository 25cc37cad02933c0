import { quote } from "./rowReader.js";

/** Maximum length of a serial number, in characters. */
export const MAX_SERIAL_LENGTH = 64;

/**
 * A whole serial number as the importer accepts it. The chat uses the same pattern, so that every
 * imported token can be claimed; quotes and spaces never pass, which keeps queries safe.
 */
export const serialNumberPattern = new RegExp(`^[A-Za-z0-9_./-]{1,${MAX_SERIAL_LENGTH}}$`, "u");

/** Result of {@link checkSerialNumber}: the serial, or a message that states what to fix. */
export type SerialNumberCheck = { ok: true; serialNumber: string } | { ok: false; code: string; message: string };

const excelFix =
  "In Excel, format the column as Text, enter the serial numbers again from the vendor's file, and save as CSV UTF-8.";

/**
 * Checks a trimmed serial number: at most 64 characters from letters, digits, `-`, `_`, `.` and
 * `/`. Values that Excel produces from long digit strings (`1.1E+12`, `1,10000E+12`, `71230001.0`)
 * are reported as Excel damage, because the original digits cannot be recovered from them.
 */
export function checkSerialNumber(serialNumber: string): SerialNumberCheck {
  if (/^\d+([.,]\d+)?E[+-]\d+$/i.test(serialNumber)) {
    return {
      ok: false,
      code: "excelDamagedSerialNumber",
      message: `The serial number ${quote(serialNumber)} was changed by Excel into scientific notation, so its digits are lost. ${excelFix}`,
    };
  }

  if (/^\d+[.,]0+$/.test(serialNumber)) {
    return {
      ok: false,
      code: "excelDamagedSerialNumber",
      message: `The serial number ${quote(serialNumber)} was changed by Excel into a decimal number. ${excelFix}`,
    };
  }

  // A Base32 seed in the serial column (columns swapped) must not be stored or shown as a serial.
  if (looksLikeSecret(serialNumber)) {
    return {
      ok: false,
      code: "serialLooksLikeSecret",
      message: `The serial number column holds a value of ${serialNumber.length} characters that looks like a secret key, so it is not shown. Check that the serial number and secret key columns are not swapped.`,
    };
  }

  if (serialNumber.length > MAX_SERIAL_LENGTH) {
    return {
      ok: false,
      code: "invalidSerialNumber",
      message: `The serial number has ${serialNumber.length} characters, but at most ${MAX_SERIAL_LENGTH} are allowed. Check that the column contains serial numbers.`,
    };
  }

  const illegal = Array.from(serialNumber).find((character) => !/[A-Za-z0-9_./-]/.test(character));
  if (illegal !== undefined) {
    return {
      ok: false,
      code: "invalidSerialNumber",
      message: `The serial number ${quote(serialNumber)} contains ${quote(illegal)}, which is not allowed. Use only letters, digits, "-", "_", "." and "/".`,
    };
  }

  return { ok: true, serialNumber };
}

/**
 * True for a value shaped like a seed rather than any other field: after removing spaces and
 * hyphens, at least 16 Base32 characters in one case that mix letters and the digits 2-7 (10
 * bytes, the shortest seed Entra accepts), or at least 20 hex digits that mix letters and digits.
 * Serial numbers, UPNs, models and names of that shape are not known to exist.
 */
export function looksLikeSecret(value: string): boolean {
  const compact = value.replace(/[\s-]/g, "");
  const oneCase = compact === compact.toUpperCase() || compact === compact.toLowerCase();
  const base32 = oneCase && /^[A-Za-z2-7]{16,}=*$/.test(compact) && /[A-Za-z]/.test(compact) && /[2-7]/.test(compact);
  const hex = /^(0x)?[0-9a-fA-F]{20,}$/.test(compact) && /[a-fA-F]/.test(compact) && /[0-9]/.test(compact);
  return base32 || hex;
}
