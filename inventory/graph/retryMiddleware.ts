import { GraphClientError, type Context, type FetchOptions, type Middleware } from "@microsoft/microsoft-graph-client";
import type { Logger } from "../logger.js";
import { carryError } from "./carriedError.js";
import { GraphRequestError } from "./errors.js";
import { requestUrl } from "./hostGuard.js";
import { computeRetryDelay, idempotentMethods, parseRetryAfter, retryableStatuses, type RetryOptions } from "./retryPolicy.js";

/** Counters of the HTTP traffic to Graph, for benchmarks and the status API. */
export interface GraphGatewayStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests sent again after a 429, 503, 504 or network failure. */
  retries: number;
  /** 429 responses received. */
  throttled: number;
}

/**
 * Sends each request again after 429, 503 and 504 (and, for idempotent methods, after a network
 * failure), waiting as long as Retry-After requests or backing off, within the limits of RetryOptions. The
 * last response is handed on as it is, so the gateway maps an exhausted retry to an error.
 */
export class RetryMiddleware implements Middleware {
  private next?: Middleware;
  /**
   * After a 429 every request waits until this time (ms since epoch), not only the throttled one:
   * Graph counts rejected requests against the budget too, so sending more only extends the wait.
   */
  private pausedUntil = 0;

  constructor(
    private readonly options: RetryOptions,
    private readonly stats: GraphGatewayStats,
    private readonly logger?: Logger,
  ) {}

  async execute(context: Context): Promise<void> {
    const method = (context.options?.method ?? "GET").toUpperCase();
    let waitedMs = 0;

    for (let attempt = 1; ; attempt++) {
      const pauseMs = this.pausedUntil - Date.now();
      if (pauseMs > 0) await sleep(pauseMs);
      const attemptContext: Context = { ...context, options: cloneOptions(context.options, this.options.attemptTimeoutMs) };

      let failure: unknown;
      try {
        await this.next?.execute(attemptContext);
      } catch (error) {
        // A carried error (no access token, for example) means no HTTP request left the process.
        if (error instanceof GraphClientError) throw error;
        failure = error;
      }
      this.stats.requests++;

      const response = attemptContext.response;
      if (response && !retryableStatuses.has(response.status)) {
        context.response = response;
        return;
      }
      if (response?.status === 429) this.stats.throttled++;

      const retryAfterMs = parseRetryAfter(response?.headers.get("retry-after"));
      const delayMs = computeRetryDelay(attempt, retryAfterMs, this.options);
      if (response?.status === 429) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delayMs);
      const mayRetry =
        attempt < this.options.maxAttempts &&
        waitedMs + delayMs <= this.options.maxTotalDelayMs &&
        (response !== undefined || idempotentMethods.has(method));

      if (!mayRetry) {
        if (response) {
          context.response = response;
          return;
        }
        throw carryError(unreachableError(requestUrl(context), attempt, failure));
      }

      this.logger?.warn(
        { method, status: response?.status, attempt, delayMs, failure: failure ? describeFailure(failure) : undefined },
        "Graph request will be retried",
      );
      await response?.body?.cancel();
      this.stats.retries++;
      await sleep(delayMs);
      waitedMs += delayMs;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Copies the fetch options for one attempt. The authentication handler appends its header to the
 * options it gets, so reusing one header object would send two bearer tokens on the second try.
 * Redirects are not followed: the 3xx response comes back as an error instead of leading the
 * request, and its token, to a host that the host guard never saw.
 */
function cloneOptions(options: FetchOptions | undefined, timeoutMs: number): FetchOptions {
  const headers = new Headers(options?.headers as HeadersInit | undefined);
  return { ...options, headers: Object.fromEntries(headers), redirect: "manual", signal: AbortSignal.timeout(timeoutMs) };
}

function unreachableError(url: string, attempts: number, failure: unknown): GraphRequestError {
  const origin = new URL(url).origin;
  return new GraphRequestError(
    "unavailable",
    `Could not reach Graph at ${origin} after ${attempts} attempt${attempts === 1 ? "" : "s"} (${describeFailure(failure)}). ` +
      "Check GRAPH_BASE_URL and the network path to it, then try again.",
    { cause: failure },
  );
}

/** Error name and system code, without the message text that may contain URLs. */
function describeFailure(failure: unknown): string {
  if (!(failure instanceof Error)) return "unknown failure";
  const code = (failure.cause as { code?: unknown } | undefined)?.code ?? (failure as { code?: unknown }).code;
  return typeof code === "string" ? `${failure.name} ${code}` : failure.name;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
