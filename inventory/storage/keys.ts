import { ValidationError } from "../errors.js";

/**
 * Characters that real Azure Table Storage rejects in PartitionKey and RowKey: `/ \ # ?`,
 * U+0000–U+001F and U+007F–U+009F. Azurite 3.35 rejects them too, but older Azurite versions
 * accepted `#`, so the check runs in code and its tests do not depend on the emulator.
 */
const forbiddenKeyCharacters = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** Maximum size of PartitionKey or RowKey: 1 KiB, counted as UTF-16 bytes (two per code unit). */
export const maxKeyBytes = 1024;

/**
 * Encodes an outside value (serial, UPN, user id, job id) as a table key: lowercase hex of its
 * UTF-8 bytes. Hex keeps byte order and prefixes, so keys sort like the values and a prefix of a
 * value is a prefix of its key. Store the original value as a normal property beside the key.
 * @throws ValidationError when the value is empty or its key would exceed 1 KiB.
 */
export function encodeKey(value: string): string {
  if (value.length === 0) {
    throw new ValidationError("invalidTableKey", "An empty value cannot be used as a table key.");
  }
  const key = Buffer.from(value, "utf8").toString("hex");
  assertLegalKey(key, "key");
  return key;
}

/** Decodes a key made by {@link encodeKey} back to the original value. */
export function decodeKey(key: string): string {
  return Buffer.from(key, "hex").toString("utf8");
}

/**
 * Checks that a PartitionKey or RowKey is accepted by real Azure Table Storage, not only Azurite.
 * Called before every write.
 * @param name which key is checked (for example `RowKey of table tokens`), used in the message.
 * @throws ValidationError `invalidTableKey`, naming the key but not its value, which may be personal data.
 */
export function assertLegalKey(key: string, name: string): void {
  if (typeof key !== "string") {
    throw new ValidationError("invalidTableKey", `The ${name} is missing; every entity needs one.`);
  }
  if (forbiddenKeyCharacters.test(key)) {
    throw new ValidationError(
      "invalidTableKey",
      `The ${name} contains a character that Azure Table Storage rejects (/ \\ # ? or a control character). ` +
        "Build keys with encodeKey().",
    );
  }
  if (key.length * 2 > maxKeyBytes) {
    throw new ValidationError(
      "invalidTableKey",
      `The ${name} is ${key.length * 2} bytes long; Azure Table Storage allows at most ${maxKeyBytes}.`,
    );
  }
}

/** Returns true when {@link assertLegalKey} would accept the key. */
export function isLegalKey(key: string): boolean {
  return typeof key === "string" && !forbiddenKeyCharacters.test(key) && key.length * 2 <= maxKeyBytes;
}

/** Highest millisecond time that {@link reversedTime} accepts (year 2286). */
const maxTime = 9_999_999_999_999;

/**
 * Formats a time as a 13-digit string that sorts newest first: `maxTime - milliseconds`,
 * zero-padded. Used at the start of RowKeys so that a partition reads newest first.
 */
export function reversedTime(time: Date): string {
  const milliseconds = time.getTime();
  if (!Number.isFinite(milliseconds) || milliseconds < 0 || milliseconds > maxTime) {
    throw new ValidationError("invalidTime", `The time ${String(time)} cannot be used in a table key.`);
  }
  return String(maxTime - milliseconds).padStart(13, "0");
}
