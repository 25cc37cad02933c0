import type { AttemptRepository } from "../storage/attemptRepository.js";

/** Limits of failed code attempts per user. */
export interface AttemptLimits {
  /** Failed codes allowed within `windowSeconds`; the one that reaches it locks the user. @default 5 */
  maxFailures: number;
  /** @default 900 (15 minutes) */
  windowSeconds: number;
  /** How long a locked user must wait. @default 900 */
  lockSeconds: number;
}

export const defaultAttemptLimits: AttemptLimits = { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 };

/** Result of recording a failed code. */
export interface FailureCount {
  /** Failures within the window, this one included. */
  failures: number;
  /** Set when this failure reached the limit and locked the user. */
  lockedUntil?: string;
}

/**
 * Rate limit of failed codes per user over the `attempts` table: each failure is its own entity,
 * so concurrent failures never overwrite each other's count.
 */
export class AttemptLimiter {
  private readonly limits: AttemptLimits;

  constructor(
    private readonly attempts: AttemptRepository,
    limits: Partial<AttemptLimits> = {},
  ) {
    this.limits = { ...defaultAttemptLimits, ...limits };
  }

  /** Returns the end of the user's lock as an ISO time, or undefined when the user may try a code. */
  async lockedUntil(userId: string, now: Date): Promise<string | undefined> {
    const until = await this.attempts.getLockedUntil(userId);
    return until && until.getTime() > now.getTime() ? until.toISOString() : undefined;
  }

  /** Records one failed code and locks the user when the failures in the window reach the limit. */
  async recordFailure(userId: string, now: Date): Promise<FailureCount> {
    await this.attempts.recordFailure(userId, now);
    const failures = await this.attempts.countRecent(userId, { windowMs: this.limits.windowSeconds * 1000, now });
    if (failures < this.limits.maxFailures) return { failures };

    const lockedUntil = new Date(now.getTime() + this.limits.lockSeconds * 1000);
    await this.attempts.lockUntil(userId, lockedUntil);
    return { failures, lockedUntil: lockedUntil.toISOString() };
  }

  /** Forgets every failure and the lock of the user, for a helpdesk reset. */
  async reset(userId: string): Promise<void> {
    await this.attempts.reset(userId);
  }
}
