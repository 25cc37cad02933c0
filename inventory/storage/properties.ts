import { InventoryError } from "../errors.js";
import type { StoredEntity } from "./entityTable.js";

/** A stored entity lacks a property that the product always writes: the table was changed by hand. */
export class InvalidStoredEntityError extends InventoryError {
  override name = "InvalidStoredEntityError";
  constructor(property: string, entity: StoredEntity) {
    super(
      "invalidStoredEntity",
      `An entity (RowKey ${entity.rowKey}) has no valid property ${property}; repair or delete it in Table Storage.`,
    );
  }
}

/** Reads a string property that must be present. @throws InvalidStoredEntityError */
export function requireString(entity: StoredEntity, property: string): string {
  const value = entity[property];
  if (typeof value !== "string") throw new InvalidStoredEntityError(property, entity);
  return value;
}

/** Reads an optional string property. */
export function optionalString(entity: StoredEntity, property: string): string | undefined {
  const value = entity[property];
  return typeof value === "string" ? value : undefined;
}

/** Reads a number property that must be present. @throws InvalidStoredEntityError */
export function requireNumber(entity: StoredEntity, property: string): number {
  const value = entity[property];
  if (typeof value !== "number") throw new InvalidStoredEntityError(property, entity);
  return value;
}

/** Reads an optional number property. */
export function optionalNumber(entity: StoredEntity, property: string): number | undefined {
  const value = entity[property];
  return typeof value === "number" ? value : undefined;
}

/** Reads a boolean property. Absent means false. */
export function readBoolean(entity: StoredEntity, property: string): boolean {
  return entity[property] === true;
}

/** Parses a property that holds JSON. @throws InvalidStoredEntityError when it is not valid JSON. */
export function readJson<T>(entity: StoredEntity, property: string): T {
  try {
    return JSON.parse(requireString(entity, property)) as T;
  } catch (error) {
    if (error instanceof InvalidStoredEntityError) throw error;
    throw new InvalidStoredEntityError(property, entity);
  }
}
