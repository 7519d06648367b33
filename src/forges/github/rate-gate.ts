// Where GitHub's rate limits are honoured: which token a request goes out under, how long it waits first, and
// what each answer teaches about the budgets. Local knowledge (the TokenPool) picks the token; the shared
// HostBudget (memory or Redis) is told everything and asked before each request, so pauses recorded by other
// workers hold here too. Keys: `host#i` for GraphQL, `host#i:core` for REST (GitHub bills them apart).
// @see https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api
import type { Clock } from "../../lib/clock.ts";
import type { HostBudget } from "../host-budget.ts";
import { parseRateLimitHeaders } from "../rate-limit.ts";
import { type ForgeEndpoint, ForgeError } from "../types.ts";
import { budgetKey } from "./endpoint.ts";
import type { RawResponse, Verdict } from "./judge-response.ts";
import { type GithubResource, TokenPool, type TokenSlot } from "./token-pool.ts";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RateGateOptions {
  endpoint: ForgeEndpoint;
  budget: HostBudget;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  /** First wait for a secondary limit without Retry-After (GitHub: "at least one minute"), doubled on repeats. */
  secondaryLimitWaitMs: number;
  /** Longer rate-limit waits fail the crawl with a retryable ForgeError instead of blocking a worker. */
  maxRateLimitWaitMs: number;
}

export class RateGate {
  readonly pool: TokenPool;
  private secondaryStreak = 0;

  constructor(private readonly options: RateGateOptions) {
    this.pool = new TokenPool(options.endpoint.tokens);
  }

  /** Picks a token, waits (within bounds) when every token is paused or spent, then asks the shared budget. */
  async acquire(resource: GithubResource, signal?: AbortSignal): Promise<TokenSlot> {
    const now = this.options.clock.now();
    const { slot, waitUntil } = this.pool.pick(resource, now);
    if (waitUntil) {
      const ms = waitUntil.getTime() - now.getTime();
      if (ms > this.options.maxRateLimitWaitMs) {
        const where = this.options.endpoint.apiUrl;
        throw new ForgeError(`GitHub rate limit on ${where} until ${waitUntil.toISOString()}`, true, 429);
      }
      // A little jitter so workers released by the same reset do not all fire in the same instant.
      await this.options.sleep(ms + Math.round(this.options.random() * 1000), signal);
    }
    await this.options.budget.acquire(this.keyFor(slot, resource), signal);
    return slot;
  }

  /** Files the budget a response reports under the resource it names (a REST answer reports "core"). */
  async learn(slot: TokenSlot, resource: GithubResource, res: RawResponse): Promise<void> {
    const info = parseRateLimitHeaders(res.headers);
    if (!info) return;
    const reported: GithubResource =
      info.resource === "graphql" ? "graphql" : info.resource ? "core" : resource;
    this.pool.record(slot, reported, info.remaining, info.resetAt);
    const state: { remaining: number; limit?: number; resetAt: Date } = {
      remaining: info.remaining,
      resetAt: info.resetAt,
    };
    if (info.limit !== undefined) state.limit = info.limit;
    await this.options.budget.record(this.keyFor(slot, reported), state);
  }

  succeeded(): void {
    this.secondaryStreak = 0;
  }

  /** Records a rate-limit verdict so the next acquire() rotates to another token or waits for this one. */
  async limited(slot: TokenSlot, resource: GithubResource, verdict: Verdict): Promise<void> {
    const key = this.keyFor(slot, resource);
    if (verdict.kind === "exhausted") {
      this.pool.record(slot, resource, 0, verdict.resetAt);
      await this.options.budget.record(key, { remaining: 0, resetAt: verdict.resetAt });
    } else if (verdict.kind === "paused") {
      const until = verdict.until ?? this.escalatedPause();
      this.pool.pause(slot, until);
      await this.options.budget.pause(key, until, verdict.reason);
    }
  }

  /** Without Retry-After GitHub asks for "at least a minute", longer on repeats: double per consecutive hit. */
  private escalatedPause(): Date {
    const ms = this.options.secondaryLimitWaitMs * 2 ** this.secondaryStreak++;
    return new Date(this.options.clock.now().getTime() + ms);
  }

  private keyFor(slot: TokenSlot, resource: GithubResource): string {
    const key = budgetKey(this.options.endpoint, slot.index);
    return resource === "graphql" ? key : `${key}:core`;
  }
}
