// The host budget of a single process (the in-process queue, tests, the CLI). Same semantics as the Redis one:
// a pause blocks the key until it ends; a recorded budget is spent one request per acquire and, once at zero,
// blocks until its reset; after the reset the budget is unknown again until the forge reports a new one.
import type { HostBudget, HostBudgetState } from "../../forges/host-budget.ts";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { realSleep, type Sleep } from "../sleep.ts";
import { waitForBudget } from "./wait.ts";

export interface MemoryHostBudgetOptions {
  clock?: Clock;
  sleep?: Sleep;
}

interface Entry {
  remaining: number | null;
  limit: number | null;
  resetAtMs: number | null;
  pausedUntilMs: number | null;
  pauseReason: string | null;
}

export class MemoryHostBudget implements HostBudget {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #sleep: Sleep;

  constructor(options: MemoryHostBudgetOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
  }

  acquire(key: string, signal?: AbortSignal): Promise<void> {
    return waitForBudget(
      (nowMs) => this.#tryAcquire(key, nowMs),
      { clock: this.#clock, sleep: this.#sleep },
      signal,
    );
  }

  async record(key: string, state: { remaining: number; limit?: number; resetAt: Date }): Promise<void> {
    const entry = this.#entry(key);
    const resetAtMs = state.resetAt.getTime();
    // Responses arrive out of order: within one window the lowest count is the freshest; a later window replaces it.
    if (entry.resetAtMs === resetAtMs && entry.remaining !== null) {
      entry.remaining = Math.min(entry.remaining, state.remaining);
    } else if (entry.resetAtMs === null || resetAtMs > entry.resetAtMs) {
      entry.remaining = state.remaining;
      entry.resetAtMs = resetAtMs;
    }
    if (state.limit !== undefined) entry.limit = state.limit;
  }

  async pause(key: string, until: Date, reason: string): Promise<void> {
    const entry = this.#entry(key);
    // A shorter pause never cuts a longer one short: the forge asked for the longer wait.
    if (entry.pausedUntilMs === null || until.getTime() >= entry.pausedUntilMs) {
      entry.pausedUntilMs = until.getTime();
      entry.pauseReason = reason;
    }
  }

  async snapshot(): Promise<HostBudgetState[]> {
    const nowMs = this.#clock.now().getTime();
    return [...this.#entries]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, e]) => {
        const paused = e.pausedUntilMs !== null && e.pausedUntilMs > nowMs;
        return {
          key,
          remaining: e.remaining,
          limit: e.limit,
          resetAt: e.resetAtMs === null ? null : new Date(e.resetAtMs),
          pausedUntil: paused ? new Date(e.pausedUntilMs!) : null,
          pauseReason: paused ? e.pauseReason : null,
        };
      });
  }

  #tryAcquire(key: string, nowMs: number): number {
    const entry = this.#entries.get(key);
    if (!entry) return 0;
    if (entry.pausedUntilMs !== null && entry.pausedUntilMs > nowMs) return entry.pausedUntilMs - nowMs;
    if (entry.resetAtMs !== null && entry.resetAtMs <= nowMs) {
      entry.remaining = null;
      entry.resetAtMs = null;
    }
    if (entry.remaining === null) return 0;
    if (entry.remaining <= 0) return entry.resetAtMs! - nowMs;
    entry.remaining -= 1;
    return 0;
  }

  #entry(key: string): Entry {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { remaining: null, limit: null, resetAtMs: null, pausedUntilMs: null, pauseReason: null };
      this.#entries.set(key, entry);
    }
    return entry;
  }
}
