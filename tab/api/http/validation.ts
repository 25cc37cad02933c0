import type { Request } from "restify";
import type { z } from "zod";
import { HttpError } from "./errors.js";

/** Joins schema issues into one sentence that names each field and what is wrong with it. */
function describeIssues(issues: z.core.$ZodIssue[], where: string): string {
  const parts = issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : where;
    return `${field}: ${issue.message}`;
  });
  return `Invalid ${where}. ${parts.join("; ")}.`;
}

/**
 * Parses a value with a schema, or throws a 400 `invalidRequest` whose message names each field.
 * @param where "query", "body" or "path", used in the message.
 */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(400, "invalidRequest", describeIssues(parsed.error.issues, where));
  }
  return parsed.data;
}

/**
 * Parses the query string with a schema. Each parameter is a string (the last one wins when it is
 * repeated), so schemas coerce numbers and booleans themselves.
 */
export function parseQuery<Schema extends z.ZodType>(req: Request, schema: Schema): z.output<Schema> {
  const search = new URLSearchParams(req.getQuery());
  const values: Record<string, string> = {};
  for (const [name, value] of search) values[name] = value;
  return parseWith(schema, values, "query");
}

/** Parses the route parameters (already URL-decoded by the router) with a schema. */
export function parseParams<Schema extends z.ZodType>(req: Request, schema: Schema): z.output<Schema> {
  return parseWith(schema, req.params ?? {}, "path");
}
