/** Helpers that build Graph paths and query strings safely from user data. */

/**
 * Quotes a value as an OData string literal: single quotes inside are doubled, so
 * `dan.o'neil@example` becomes `'dan.o''neil@example'` and cannot end the literal early.
 */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Joins path segments, each percent-encoded, behind a leading slash. `#` in a guest UPN becomes
 * `%23`: left raw it would start a URL fragment and Graph would see a shorter, different UPN.
 */
export function graphPath(...segments: string[]): string {
  return "/" + segments.map((segment) => encodeURIComponent(segment)).join("/");
}

/** Builds `?name=value&…` with every value percent-encoded; undefined values are left out. */
export function queryString(parameters: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(parameters)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/** Joins `eq` conditions with `and`; undefined values are left out. */
export function eqFilter(conditions: Record<string, string | number | undefined>): string | undefined {
  const clauses = Object.entries(conditions)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([property, value]) => `${property} eq ${typeof value === "number" ? value : odataString(value)}`);
  return clauses.length > 0 ? clauses.join(" and ") : undefined;
}
