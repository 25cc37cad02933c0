import { z } from "zod";

/** Serial number in a path: printable text without control characters, as the vendor wrote it. */
export const serialNumberSchema = z
  .string()
  .trim()
  .min(1, "a serial number is required")
  .max(128, "a serial number has at most 128 characters")
  .regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, "a serial number cannot contain control characters");

/** Import job id as the service creates it. */
export const jobIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "a job id has 1 to 64 letters, digits, '-' or '_'");

/** A query flag written as true/false (or 1/0). */
export const booleanFlagSchema = z
  .enum(["true", "false", "1", "0"], { message: "use true or false" })
  .transform((value) => value === "true" || value === "1");

/** A positive whole number from a query string. */
export const positiveIntegerSchema = (max: number) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`);

/** Free text in a filter; trimmed, and empty counts as absent. */
export const filterTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must have at most ${max} characters`)
    .transform((value) => (value === "" ? undefined : value))
    .optional();
