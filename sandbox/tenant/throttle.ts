import type { SandboxKnobs } from "./knobs.js";

/**
 * Request budget per second across Graph requests: a sliding one-second window that admits at
 * most `knobs.throttle.requestsPerSecond` requests. Rejected requests do not use the budget.
 */
export class RequestBudget {
  private admitted: number[] = [];

  /** Records the request and returns true when the budget allows it. */
  admit(knobs: SandboxKnobs, now = Date.now()): boolean {
    const limit = knobs.throttle.requestsPerSecond;
    if (limit === null) return true;

    this.admitted = this.admitted.filter((time) => now - time < 1000);
    if (this.admitted.length >= limit) return false;
    this.admitted.push(now);
    return true;
  }
}

/** Counts Graph requests and picks every Nth one for an injected 503. */
export class FailureInjector {
  private count = 0;

  /** Counts the request and returns true when it should fail with 503. */
  shouldFail(knobs: SandboxKnobs): boolean {
    this.count++;
    const every = knobs.failures503.every;
    return every !== null && this.count % every === 0;
  }
}
