import { badRequest } from "./errors.js";

/**
 * Reads `$top`. @throws GraphError 400 when it is not an integer in `min..max`.
 */
export function parseTop(url: URL, limits: { min: number; max: number }, code = "BadRequest"): number | undefined {
  const text = url.searchParams.get("$top");
  if (text === null) return undefined;
  const top = Number(text);
  if (!/^\d+$/.test(text) || top < limits.min || top > limits.max) {
    throw badRequest(`Invalid page size specified: '${text}'. $top must be an integer from ${limits.min} to ${limits.max}.`, code);
  }
  return top;
}

/**
 * Reads `$select` as a list of property names.
 * @throws GraphError 400 naming the first property that the resource does not have.
 */
export function parseSelect(url: URL, properties: readonly string[], typeName: string): string[] | undefined {
  const text = url.searchParams.get("$select");
  if (text === null || text.trim() === "") return undefined;
  const selected = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = selected.find((name) => !properties.includes(name));
  if (unknown) throw badRequest(`Could not find a property named '${unknown}' on type '${typeName}'.`, "BadRequest");
  return selected;
}

/** Keeps only the `select`ed properties of `item`, or all of them when nothing is selected. */
export function project<T extends object>(item: T, select: string[] | undefined): Partial<T> {
  if (!select) return item;
  const projected: Record<string, unknown> = {};
  for (const name of select) projected[name] = (item as Record<string, unknown>)[name];
  return projected as Partial<T>;
}

/** One page of a list and the link to the next one, if any. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/**
 * Cuts `items` into the page that the request's `$skiptoken` points at. The next link repeats the
 * request's query with a new `$skiptoken`, so `$filter`, `$select` and `$top` carry over.
 * @throws GraphError 400 when `$skiptoken` was not issued by the sandbox.
 */
export function takePage<T>(items: T[], url: URL, pageSize: number): Page<T> {
  const offset = readSkipToken(url.searchParams.get("$skiptoken"));
  const value = items.slice(offset, offset + pageSize);
  if (offset + pageSize >= items.length) return { value };

  // The raw query is kept as sent, so `$filter` stays readable and `$` is not escaped, as in Graph's links.
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !/^(\$|%24)skiptoken=/i.test(pair));
  const skipToken = Buffer.from(JSON.stringify({ offset: offset + pageSize })).toString("base64url");
  const query = [...kept, `$skiptoken=${skipToken}`].join("&");
  return { value, nextLink: `${url.origin}${url.pathname}?${query}` };
}

function readSkipToken(token: string | null): number {
  if (token === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the 400 below, whose message says how to fix the request.
  }
  throw badRequest("The $skiptoken is invalid. Follow @odata.nextLink exactly as returned.", "BadRequest");
}
