// The host budget shared by every worker through Redis: one hash per key, changed only by Lua scripts
// (redis-scripts.ts), so ten workers spend one budget of 5,000 requests an hour, not ten, and a 429 seen by one
// worker pauses all of them for that host while other hosts keep going.
// The connection is the caller's: this class never connects or quits it.
import type { Redis } from "ioredis";
import type { HostBudget, HostBudgetState } from "../../forges/host-budget.ts";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { realSleep, type Sleep } from "../sleep.ts";
import { acquireScript, pauseScript, recordScript } from "./redis-scripts.ts";
import { waitForBudget } from "./wait.ts";

export interface RedisHostBudgetOptions {
  redis: Redis;
  /** Namespace of every key this budget writes; budgets that must see each other share it. */
  prefix?: string;
  clock?: Clock;
  sleep?: Sleep;
}

export class RedisHostBudget implements HostBudget {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #clock: Clock;
  readonly #sleep: Sleep;

  constructor(options: RedisHostBudgetOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? "catalogue:host-budget";
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
  }

  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const tryAcquire = async (nowMs: number) =>
      Number(await this.#redis.eval(acquireScript, 1, this.#hashKey(key), String(nowMs)));
    return waitForBudget(tryAcquire, { clock: this.#clock, sleep: this.#sleep }, signal);
  }

  async record(key: string, state: { remaining: number; limit?: number; resetAt: Date }): Promise<void> {
    const limit = state.limit === undefined ? "" : String(state.limit);
    const args = [String(state.remaining), String(state.resetAt.getTime()), limit, key];
    await this.#redis.eval(recordScript, 2, this.#hashKey(key), this.#indexKey(), ...args);
  }

  async pause(key: string, until: Date, reason: string): Promise<void> {
    const args = [String(until.getTime()), reason, key];
    await this.#redis.eval(pauseScript, 2, this.#hashKey(key), this.#indexKey(), ...args);
  }

  async snapshot(): Promise<HostBudgetState[]> {
    const keys = (await this.#redis.smembers(this.#indexKey())).sort();
    if (keys.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const key of keys) pipeline.hgetall(this.#hashKey(key));
    const results = (await pipeline.exec()) ?? [];
    const nowMs = this.#clock.now().getTime();
    return keys.map((key, i) => {
      const [error, value] = results[i] ?? [null, {}];
      if (error) throw error;
      return toState(key, value as Record<string, string>, nowMs);
    });
  }

  #hashKey(key: string): string {
    return `${this.#prefix}:key:${key}`;
  }

  #indexKey(): string {
    return `${this.#prefix}:keys`;
  }
}

function toState(key: string, h: Record<string, string>, nowMs: number): HostBudgetState {
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  const pausedUntil = num(h.pausedUntil);
  const paused = pausedUntil !== null && pausedUntil > nowMs;
  const resetAt = num(h.resetAt);
  return {
    key,
    remaining: num(h.remaining),
    limit: num(h.limit),
    resetAt: resetAt === null ? null : new Date(resetAt),
    pausedUntil: paused ? new Date(pausedUntil) : null,
    pauseReason: paused ? (h.pauseReason ?? null) : null,
  };
}
