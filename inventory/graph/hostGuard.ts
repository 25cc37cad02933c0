import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { carryError } from "./carriedError.js";
import { GraphRequestError } from "./errors.js";

/** URL of a request in a middleware context. */
export function requestUrl(context: Context): string {
  return typeof context.request === "string" ? context.request : context.request.url;
}

/**
 * First middleware of the chain: lets a request through only when its origin (scheme, host and
 * port) is the configured Graph origin, so no URL from a response can send our token elsewhere.
 */
export class HostGuardMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly allowedOrigin: string) {}

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    if (!isSameOrigin(url, this.allowedOrigin)) {
      throw carryError(untrustedHostError(url, this.allowedOrigin));
    }
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** True when `url` parses and has exactly the origin `allowedOrigin`. */
export function isSameOrigin(url: string, allowedOrigin: string): boolean {
  try {
    return new URL(url).origin === allowedOrigin;
  } catch {
    return false;
  }
}

/** Builds the error for a URL outside the Graph origin. It names only the origin, not the whole URL. */
export function untrustedHostError(url: string, allowedOrigin: string): GraphRequestError {
  let origin = "an unparsable URL";
  try {
    origin = new URL(url).origin;
  } catch {
    // Keep the placeholder: the URL itself may carry query text that should not reach a message.
  }
  return new GraphRequestError(
    "untrustedHost",
    `Refused a Graph request to ${origin}: only ${allowedOrigin} (GRAPH_BASE_URL) may be contacted. ` +
      "A response probably carried a link to another host; check GRAPH_BASE_URL and any proxy in front of Graph.",
  );
}
