// The request budget of a forge host (or of one token on it), shared by everyone who talks to that host.
// In-process it lives in memory; with several workers it lives in Redis (src/queue/host-budget/), so ten workers
// do not each believe they have 5,000 requests an hour, and one 429 pauses every worker for that host.

export interface HostBudgetState {
  key: string;
  remaining: number | null;
  limit: number | null;
  resetAt: Date | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
}

export interface HostBudget {
  /**
   * Resolves when a request under `key` may be sent: waits out a pause, and when the recorded budget is
   * exhausted waits until its reset. Resolves at once when nothing is known. Rejects if `signal` aborts.
   */
  acquire(key: string, signal?: AbortSignal): Promise<void>;
  /** Records what the forge said in its rate-limit headers (x-ratelimit-*, RateLimit-*). */
  record(key: string, state: { remaining: number; limit?: number; resetAt: Date }): Promise<void>;
  /** Every request under `key` waits until `until` (429, secondary rate limit, Retry-After). */
  pause(key: string, until: Date, reason: string): Promise<void>;
  snapshot(): Promise<HostBudgetState[]>;
}
