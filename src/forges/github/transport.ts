// Sends GitHub requests through octokit (its own retry/throttling plugins off: the retry policy lives here, tied
// to the token pool and the shared HostBudget). Bounded: at most `maxAttempts` per request and a retry budget per
// crawl shared by all its requests, with exponential backoff + jitter for faults and exact waits for rate limits.
import { Octokit, RequestError } from "octokit";
import type { Clock } from "../../lib/clock.ts";
import type { HostBudget } from "../host-budget.ts";
import { computeBackoffMs, parseRateLimitHeaders } from "../rate-limit.ts";
import { type ForgeEndpoint, ForgeError } from "../types.ts";
import { budgetKey } from "./endpoint.ts";
import { judgeResponse, type RawResponse, type Verdict } from "./judge-response.ts";
import { type GithubResource, TokenPool, type TokenSlot } from "./token-pool.ts";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GithubTransportOptions {
  endpoint: ForgeEndpoint;
  budget: HostBudget;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  /** First wait for a secondary limit without Retry-After (GitHub: "at least one minute"), doubled on repeats. */
  secondaryLimitWaitMs: number;
  /** Longer rate-limit waits fail the crawl with a retryable ForgeError instead of blocking a worker. */
  maxRateLimitWaitMs: number;
  /** An answer slower than this counts as a transient fault (a hung connection must not hang the crawl). */
  requestTimeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

/** Retries a whole crawl may still spend; shared by its requests so a sick forge cannot cause a storm. */
export interface RetryBudget {
  remaining: number;
}

const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

export class GithubTransport {
  private readonly pool: TokenPool;
  private readonly octokits = new Map<TokenSlot, Octokit>();
  private sent = 0;
  private secondaryStreak = 0;

  constructor(private readonly options: GithubTransportOptions) {
    this.pool = new TokenPool(options.endpoint.tokens);
  }

  requestCount(): number {
    return this.sent;
  }

  async graphql(query: string, variables: Record<string, unknown>, retry: RetryBudget, signal?: AbortSignal) {
    const url = this.options.endpoint.graphqlUrl!;
    const res = await this.send(
      "graphql",
      (o, requestSignal) =>
        o.request({ method: "POST", url, query, variables, request: { signal: requestSignal } }),
      retry,
      signal,
    );
    return res.data as { data?: unknown; errors?: { type?: string; message?: string; path?: unknown[] }[] };
  }

  /** A REST GET; 404 comes back as a response, every other failure as a ForgeError. */
  restGet(
    route: string,
    params: Record<string, string>,
    retry: RetryBudget,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    return this.send(
      "core",
      (o, requestSignal) => o.request(`GET ${route}`, { ...params, request: { signal: requestSignal } }),
      retry,
      signal,
    );
  }

  private async send(
    resource: GithubResource,
    call: (
      octokit: Octokit,
      signal: AbortSignal,
    ) => Promise<{ status: number; headers: object; data: unknown }>,
    retry: RetryBudget,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    for (let attempt = 1; ; attempt++) {
      const slot = await this.acquire(resource, signal);
      let res: RawResponse | null = null;
      let verdict: Verdict;
      this.sent++;
      try {
        const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
        res = toRaw(await call(this.octokitFor(slot), signal ? AbortSignal.any([signal, timeout]) : timeout));
      } catch (error) {
        if (signal?.aborted) throw error;
        if (error instanceof RequestError && error.response) res = toRaw(error.response);
        else verdict = { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
      }
      if (res) {
        await this.recordBudget(slot, resource, res);
        verdict = judgeResponse(res, resource === "graphql", this.options.clock.now());
      }
      verdict = verdict!;
      if (verdict.kind === "ok") {
        this.secondaryStreak = 0;
        return res!;
      }
      if (verdict.kind === "fatal") throw verdict.error;
      if (attempt >= this.options.maxAttempts || retry.remaining <= 0) {
        const why = retry.remaining <= 0 ? "the crawl's retry budget is spent" : `${attempt} attempts`;
        throw new ForgeError(
          `GitHub request failed (${verdict.reason}); gave up after ${why}`,
          true,
          res?.status,
        );
      }
      retry.remaining--;
      await this.handleRetry(slot, resource, verdict, attempt, signal);
    }
  }

  private async handleRetry(
    slot: TokenSlot,
    resource: GithubResource,
    verdict: Verdict,
    attempt: number,
    signal?: AbortSignal,
  ) {
    const key = this.keyFor(slot, resource);
    const now = this.options.clock.now();
    if (verdict.kind === "exhausted") {
      // The next acquire() rotates to another token, or waits for the earliest reset if none is left.
      this.pool.record(slot, resource, 0, verdict.resetAt);
      await this.options.budget.record(key, { remaining: 0, resetAt: verdict.resetAt });
    } else if (verdict.kind === "paused") {
      const escalating = this.options.secondaryLimitWaitMs * 2 ** this.secondaryStreak++;
      const until = verdict.until ?? new Date(now.getTime() + escalating);
      this.pool.pause(slot, until);
      await this.options.budget.pause(key, until, verdict.reason);
    } else if (verdict.kind === "transient") {
      const { baseMs, maxMs } = this.options.backoff;
      await this.options.sleep(
        computeBackoffMs(attempt - 1, { baseMs, maxMs, random: this.options.random }),
        signal,
      );
    }
  }

  /** Picks a token, waits (within bounds) when every token is paused or spent, then asks the shared budget. */
  private async acquire(resource: GithubResource, signal?: AbortSignal): Promise<TokenSlot> {
    const now = this.options.clock.now();
    const { slot, waitUntil } = this.pool.pick(resource, now);
    if (waitUntil) {
      const ms = waitUntil.getTime() - now.getTime();
      if (ms > this.options.maxRateLimitWaitMs) {
        throw new ForgeError(
          `GitHub rate limit on ${this.options.endpoint.apiUrl} until ${waitUntil.toISOString()}`,
          true,
          429,
        );
      }
      // A little jitter so workers released by the same reset do not all fire in the same instant.
      await this.options.sleep(ms + Math.round(this.options.random() * 1000), signal);
    }
    await this.options.budget.acquire(this.keyFor(slot, resource), signal);
    return slot;
  }

  private async recordBudget(slot: TokenSlot, resource: GithubResource, res: RawResponse): Promise<void> {
    const info = parseRateLimitHeaders(res.headers);
    if (!info) return;
    // A response may report another resource's budget (e.g. REST "core"); file it where it belongs.
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

  /** GraphQL under `host#i` (the crawl's main budget), REST under `host#i:core`: GitHub bills them apart. */
  private keyFor(slot: TokenSlot, resource: GithubResource): string {
    const key = budgetKey(this.options.endpoint, slot.index);
    return resource === "graphql" ? key : `${key}:core`;
  }

  private octokitFor(slot: TokenSlot): Octokit {
    let octokit = this.octokits.get(slot);
    if (!octokit) {
      octokit = new Octokit({
        ...(slot.token ? { auth: slot.token } : {}),
        baseUrl: this.options.endpoint.apiUrl,
        throttle: { enabled: false },
        retry: { enabled: false },
        log: silentLog,
        request: this.options.fetch ? { fetch: this.options.fetch } : {},
      });
      this.octokits.set(slot, octokit);
    }
    return octokit;
  }
}

function toRaw(res: { status: number; headers: object; data: unknown }): RawResponse {
  return { status: res.status, headers: res.headers as RawResponse["headers"], data: res.data };
}
