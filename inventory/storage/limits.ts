import { ValidationError } from "../errors.js";
import { assertLegalKey } from "./keys.js";

/** Maximum size of one entity in Azure Table Storage: 1 MiB. */
export const maxEntityBytes = 1024 * 1024;
/** Maximum custom properties per entity: 255 minus PartitionKey, RowKey and Timestamp. */
export const maxCustomProperties = 252;
/** Maximum size of a string or binary property: 64 KiB (a string is UTF-16, so 32,768 characters). */
export const maxPropertyBytes = 64 * 1024;
/** Maximum length of a property name. */
export const maxPropertyNameLength = 255;

/** Property names must be C#-style identifiers: a letter or `_`, then letters, digits or `_`. */
const propertyNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names that the service or the SDK uses itself and that an entity may not carry as custom properties. */
const reservedNames = new Set(["PartitionKey", "RowKey", "Timestamp", "etag", "timestamp", "odata"]);

const int32Min = -(2 ** 31);
const int32Max = 2 ** 31 - 1;

/** A property value as the repositories write it. `undefined` and `null` are left out. */
export type PropertyValue = string | number | boolean | Date | Uint8Array | null | undefined;

/** An entity before it is sent: keys plus custom properties. */
export interface EntityToWrite {
  partitionKey: string;
  rowKey: string;
  [property: string]: PropertyValue;
}

/**
 * Checks an entity against Azure Table Storage's limits: legal keys, at most 252 custom properties,
 * legal property names, strings and binaries of at most 64 KiB, numbers that fit the type the
 * service infers, and at most 1 MiB in total. Azurite 3.35 enforces only the key and string limits,
 * so every write runs this check.
 * Returns the size as estimated: 4 bytes, plus 2 bytes per key character, plus per property
 * 8 bytes, 2 bytes per name character and the value's size.
 * @throws ValidationError `entityTooLarge`, `propertyTooLarge`, `tooManyProperties`,
 *   `invalidPropertyName`, `invalidPropertyValue` or `invalidTableKey`, naming table and property.
 */
export function assertEntityWithinLimits(table: string, entity: EntityToWrite): number {
  assertLegalKey(entity.partitionKey, `PartitionKey of table ${table}`);
  assertLegalKey(entity.rowKey, `RowKey of table ${table}`);

  const properties = Object.entries(entity).filter(
    ([name, value]) => name !== "partitionKey" && name !== "rowKey" && value !== undefined && value !== null,
  );
  if (properties.length > maxCustomProperties) {
    throw new ValidationError(
      "tooManyProperties",
      `An entity for table ${table} has ${properties.length} properties; Azure Table Storage allows at most ${maxCustomProperties}.`,
    );
  }

  let size = 4 + entity.partitionKey.length * 2 + entity.rowKey.length * 2;
  for (const [name, value] of properties) {
    assertPropertyName(table, name);
    size += 8 + name.length * 2 + propertyValueBytes(table, name, value as NonNullable<PropertyValue>);
  }

  if (size > maxEntityBytes) {
    throw new ValidationError(
      "entityTooLarge",
      `An entity for table ${table} is about ${size} bytes; Azure Table Storage allows at most ${maxEntityBytes}. ` +
        "Store less data in one entity.",
    );
  }
  return size;
}

function assertPropertyName(table: string, name: string): void {
  const valid =
    name.length <= maxPropertyNameLength && propertyNamePattern.test(name) && !reservedNames.has(name);
  if (!valid) {
    throw new ValidationError(
      "invalidPropertyName",
      `Property name "${name.slice(0, 64)}" of table ${table} is invalid: use at most ${maxPropertyNameLength} ` +
        "letters, digits or underscores, starting with a letter or underscore, and no reserved name.",
    );
  }
}

/** Returns the size that Azure counts for one value, after checking the per-property limits. */
function propertyValueBytes(table: string, name: string, value: NonNullable<PropertyValue>): number {
  if (typeof value === "string") {
    const bytes = value.length * 2;
    if (bytes > maxPropertyBytes) {
      throw new ValidationError(
        "propertyTooLarge",
        `Property ${name} of table ${table} is ${bytes} bytes as UTF-16; Azure Table Storage allows at most ${maxPropertyBytes}.`,
      );
    }
    return bytes + 4;
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength > maxPropertyBytes) {
      throw new ValidationError(
        "propertyTooLarge",
        `Property ${name} of table ${table} is ${value.byteLength} bytes; Azure Table Storage allows at most ${maxPropertyBytes}.`,
      );
    }
    return value.byteLength + 4;
  }
  if (typeof value === "boolean") return 1;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new ValidationError("invalidPropertyValue", `Property ${name} of table ${table} is an invalid date.`);
    }
    return 8;
  }
  if (typeof value === "number") {
    // The SDK sends numbers without a type, so the service reads an integer as Int32 and
    // rejects or changes integers outside that range.
    const fits = Number.isFinite(value) && (!Number.isInteger(value) || (value >= int32Min && value <= int32Max));
    if (!fits) {
      throw new ValidationError(
        "invalidPropertyValue",
        `Property ${name} of table ${table} is ${value}; store finite numbers, and integers within the 32-bit range.`,
      );
    }
    return Number.isInteger(value) ? 4 : 8;
  }
  throw new ValidationError(
    "invalidPropertyValue",
    `Property ${name} of table ${table} has type ${typeof value}; store a string, number, boolean, date or bytes.`,
  );
}
