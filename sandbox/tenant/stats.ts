/** Counters that `GET /_sandbox/stats` and `tenant.stats()` return. */
export interface SandboxStats {
  /** All requests, Entra and sandbox control routes included. */
  requests: number;
  /** Requests per route, keyed `METHOD /template`, such as `GET /beta/users/{user}`. */
  byRoute: Record<string, number>;
  /** Graph requests rejected with 429 by the request budget. */
  throttled: number;
  /** Graph requests that failed with an injected 503. */
  injected503: number;
}

/** Live request counters of one sandbox tenant. */
export class StatsCounter {
  private stats: SandboxStats = { requests: 0, byRoute: {}, throttled: 0, injected503: 0 };

  request(routeKey: string): void {
    this.stats.requests++;
    this.stats.byRoute[routeKey] = (this.stats.byRoute[routeKey] ?? 0) + 1;
  }

  throttled(): void {
    this.stats.throttled++;
  }

  injected503(): void {
    this.stats.injected503++;
  }

  /** Returns a copy, so callers can compare snapshots. */
  snapshot(): SandboxStats {
    return { ...this.stats, byRoute: { ...this.stats.byRoute } };
  }

  reset(): void {
    this.stats = { requests: 0, byRoute: {}, throttled: 0, injected503: 0 };
  }
}
