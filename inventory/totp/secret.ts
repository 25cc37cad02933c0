import { ScureBase32Plugin } from "otplib";
import type { RowProblem } from "../types.js";
import { MAX_SECRET_BASE32_LENGTH, MAX_SECRET_BYTES, MIN_SECRET_BYTES } from "./limits.js";

/** Text encoding of a secret in a seed file. */
export type SecretEncoding = "base32" | "hex";

/** Result of {@link normalizeSecret}. Neither branch contains the input outside `secretKey`. */
export type NormalizedSecret =
  | {
      ok: true;
      /** Canonical Base32: upper case, no padding. A secret: never log it. */
      secretKey: string;
      byteLength: number;
      sourceEncoding: SecretEncoding;
    }
  | { ok: false; problem: RowProblem };

const base32Plugin = new ScureBase32Plugin();

/** Spaces and hyphens that vendors put between groups of characters. */
const separators = /[\s-]/g;

/**
 * Normalises a seed as a vendor wrote it into the canonical Base32 that Graph's `secretKey`
 * expects. Base32 is accepted in any case, with spaces, hyphens and `=` padding. Hex is converted
 * when `declared` is "hex", or without a declaration when it is unmistakable: an even number of
 * hex digits with at least one of 0, 1, 8 or 9, which Base32 does not use. A value that is valid
 * in both alphabets is a problem, because guessing would give a wrong key. The limits are Entra
 * ID's: at least 10 bytes, at most 128 Base32 characters. Problem messages name at most one
 * illegal character and never the value.
 */
export function normalizeSecret(value: string, declared?: SecretEncoding): NormalizedSecret {
  const compact = value.replace(separators, "");
  if (compact === "") {
    return fail("missingValue", "The secret key is empty. Add the seed from the vendor's file.");
  }

  // A `0x` prefix, as programmers write hex, declares hex by itself.
  const prefixedHex = declared !== "base32" && /^0x[0-9a-f]+$/i.test(compact);
  const digits = prefixedHex ? compact.slice(2) : compact;
  const written = prefixedHex ? value.trim().replace(/^0x/i, "") : value;
  const encoding = declared ?? (prefixedHex ? "hex" : detectEncoding(digits));
  if (encoding === "ambiguous") {
    return fail(
      "ambiguousSecretEncoding",
      "The secret key could be hex or Base32, because it uses only the letters A-F and the digits 2-7. " +
        'Add an "encoding" column with "hex" or "base32", or choose the encoding for the whole file (--encoding in the CLI, "Secret encoding in the file" in the tab).',
    );
  }

  const decoded = encoding === "hex" ? decodeHex(written, digits) : decodeBase32(written, digits);
  if (!decoded.ok) return decoded;

  return checkLength(decoded.bytes, encoding);
}

function detectEncoding(compact: string): SecretEncoding | "ambiguous" {
  const hexDigits = /^[0-9a-fA-F]+$/.test(compact) && compact.length % 2 === 0;
  if (!hexDigits) return "base32";

  // 0, 1, 8 and 9 are not Base32 characters, so one of them proves hex.
  return /[0189]/.test(compact) ? "hex" : "ambiguous";
}

type Decoded = { ok: true; bytes: Uint8Array } | { ok: false; problem: RowProblem };

function decodeHex(value: string, compact: string): Decoded {
  const illegal = findIllegalCharacter(value, /[0-9a-fA-F]/, false);
  if (illegal) {
    return fail(
      "invalidSecretCharacter",
      `The secret key is declared as hex but contains "${illegal.character}" at position ${illegal.position}. ` +
        "Hex uses only 0-9 and A-F: check the encoding column or the value.",
    );
  }

  if (compact.length % 2 !== 0) {
    return fail(
      "invalidSecretLength",
      `The hex secret key has an odd number of digits (${compact.length}), but each byte takes two. ` +
        "Check that the value was copied completely.",
    );
  }

  return { ok: true, bytes: Uint8Array.from(Buffer.from(compact, "hex")) };
}

function decodeBase32(value: string, compact: string): Decoded {
  const illegal = findIllegalCharacter(value, /[A-Za-z2-7]/, true);
  if (illegal) return base32CharacterProblem(compact, illegal);

  const unpadded = compact.replace(/=+$/, "").toUpperCase();
  if (unpadded.length > MAX_SECRET_BASE32_LENGTH) {
    return fail(
      "secretTooLong",
      `The secret key has ${unpadded.length} Base32 characters, but Entra ID accepts at most ${MAX_SECRET_BASE32_LENGTH}.`,
    );
  }

  try {
    return { ok: true, bytes: base32Plugin.decode(unpadded) };
  } catch {
    // The decoder's message is not passed on: it could quote part of the seed.
    return fail(
      "invalidSecretLength",
      `The secret key is not valid Base32: ${unpadded.length} characters do not make whole bytes. ` +
        "Check that the value was copied completely.",
    );
  }
}

function base32CharacterProblem(compact: string, illegal: IllegalCharacter): { ok: false; problem: RowProblem } {
  const hint = /^[0-9a-fA-F]+$/.test(compact)
    ? ` It looks like hex with an odd number of digits (${compact.length}): check that the value was copied completely.`
    : " Base32 uses only the letters A-Z and the digits 2-7.";
  return fail(
    "invalidSecretCharacter",
    `The secret key contains "${illegal.character}" at position ${illegal.position}, which is not a Base32 character.${hint}`,
  );
}

function checkLength(bytes: Uint8Array, sourceEncoding: SecretEncoding): NormalizedSecret {
  if (bytes.length < MIN_SECRET_BYTES) {
    return fail(
      "secretTooShort",
      `The secret key has ${bytes.length} bytes, but Entra ID needs at least ${MIN_SECRET_BYTES} bytes (16 Base32 characters).`,
    );
  }

  if (bytes.length > MAX_SECRET_BYTES) {
    return fail(
      "secretTooLong",
      `The secret key has ${bytes.length} bytes, but Entra ID accepts at most ${MAX_SECRET_BYTES} bytes (${MAX_SECRET_BASE32_LENGTH} Base32 characters).`,
    );
  }

  return {
    ok: true,
    secretKey: base32Plugin.encode(bytes, { padding: false }),
    byteLength: bytes.length,
    sourceEncoding,
  };
}

interface IllegalCharacter {
  character: string;
  /** 1-based position in the value as written, separators included. */
  position: number;
}

/**
 * Finds the first character outside `allowed`, ignoring separators. With `allowPadding`, `=` is
 * allowed when only `=` and separators follow it.
 */
function findIllegalCharacter(value: string, allowed: RegExp, allowPadding: boolean): IllegalCharacter | undefined {
  const characters = Array.from(value);

  for (const [index, character] of characters.entries()) {
    if (/[\s-]/.test(character) || allowed.test(character)) continue;

    const isPadding = allowPadding && character === "=" && characters.slice(index).every((rest) => /[\s=-]/.test(rest));
    if (isPadding) return undefined;

    return { character: describeCharacter(character), position: index + 1 };
  }

  return undefined;
}

/** Shows control and invisible characters by code point, so the message stays readable. */
function describeCharacter(character: string): string {
  const printable = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character);
  return printable ? character : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function fail(code: string, message: string): { ok: false; problem: RowProblem } {
  return { ok: false, problem: { code, message } };
}
