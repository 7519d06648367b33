// The one place the GitLab client touches the network. Every request waits for the host budget, records the
// RateLimit-* headers GitLab sends, and retries only what a retry can fix (429, 5xx, network, a cut-off body)
// a bounded number of times: Retry-After (or RateLimit-Reset) on 429, exponential backoff with jitter otherwise.
// gitbeaker's own requester retries 429/502 ten times within ~250 ms and ignores Retry-After, which is the
// retry storm rate limiters punish, so the client plugs this transport in as gitbeaker's requester instead.
// @see https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
import { type Clock, systemClock } from "../../lib/clock.ts";
import type { HostBudget } from "../host-budget.ts";
import { computeBackoffMs, parseRateLimitHeaders, parseRetryAfter } from "../rate-limit.ts";
import { type ForgeEndpoint, ForgeError } from "../types.ts";
import { createTokenPool, type TokenSlot } from "./token-pool.ts";
import { describeFailure, readBody, realSleep } from "./transport-support.ts";

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GitlabTransportOptions {
  endpoint: ForgeEndpoint;
  budget: HostBudget;
  fetch?: typeof globalThis.fetch;
  sleep?: Sleep;
  /** Randomness in [0, 1) for backoff jitter. */
  random?: () => number;
  clock?: Clock;
  /** Retries after the first attempt (default 4): at most 5 requests per call. */
  maxRetries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** The longest single wait for a rate limit; a longer one fails (retryable) so the job is rescheduled instead. */
  maxWaitMs?: number;
  /** A request (headers and body) that takes longer is abandoned and retried (default 30 s). */
  requestTimeoutMs?: number;
}

export interface GitlabResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, text, or null (HEAD, 204). */
  body: unknown;
}

export interface GitlabTransport {
  /** The HostBudget keys this transport spends, one per token. */
  readonly budgetKeys: readonly string[];
  /** `path` is relative to the API base and already encoded, e.g. "projects/12/repository/files/publiccode.yml". */
  request(
    method: "GET" | "HEAD",
    path: string,
    query?: URLSearchParams,
    signal?: AbortSignal,
  ): Promise<GitlabResponse>;
  requestCount(): number;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export function createGitlabTransport(options: GitlabTransportOptions): GitlabTransport {
  const { endpoint, budget } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? systemClock;
  const maxRetries = options.maxRetries ?? 4;
  const backoff = { baseMs: options.retryBaseMs ?? 1000, maxMs: options.retryMaxMs ?? 60_000, random };
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const pool = createTokenPool(endpoint.apiUrl, endpoint.tokens);
  let count = 0;

  async function request(
    method: "GET" | "HEAD",
    path: string,
    query?: URLSearchParams,
    signal?: AbortSignal,
  ) {
    const search = query && [...query.keys()].length > 0 ? `?${query}` : "";
    const url = `${endpoint.apiUrl}/${path.replace(/^\/+/, "")}${search}`;
    for (let attempt = 0; ; attempt++) {
      const slot = pool.pick(clock.now().getTime());
      await budget.acquire(slot.key, signal);
      count++;
      const outcome = await attemptOnce(slot, method, url, path, signal);
      if ("response" in outcome) return outcome.response;
      const { failure, res } = outcome;
      if (!failure.retry) throw failure;
      // Planned before the attempt check so a final 429 still pauses the token for everyone else.
      const waitMs = res ? await planWait(slot, res, attempt) : computeBackoffMs(attempt, backoff);
      if (attempt >= maxRetries) throw failure;
      // A rate-limited request goes out again at once with another token that still has budget.
      if (res?.status === 429 && pool.hasOtherReady(slot, clock.now().getTime())) continue;
      if (waitMs > maxWaitMs) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new ForgeError(
          `${failure.message} (asks to wait ${seconds} s: too long)`,
          true,
          failure.status,
        );
      }
      await sleep(waitMs, signal);
    }
  }

  type Outcome = { response: GitlabResponse } | { failure: ForgeError; res?: Response };

  async function attemptOnce(
    slot: TokenSlot,
    method: string,
    url: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<Outcome> {
    let res: Response;
    try {
      // A hung connection must not hold a crawl forever: each attempt gets its own deadline.
      const deadline = AbortSignal.timeout(requestTimeoutMs);
      const attemptSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
      const headers: Record<string, string> = { accept: "application/json" };
      if (slot.token) headers["private-token"] = slot.token;
      res = await doFetch(url, { method, headers, signal: attemptSignal });
      await recordBudget(slot, res.headers);
      if (res.ok)
        return { response: { status: res.status, headers: res.headers, body: await readBody(res, method) } };
    } catch (error) {
      if (signal?.aborted) throw error;
      // Network failures and bodies cut off mid-way (invalid JSON) are worth another try.
      return {
        failure: new ForgeError(`GitLab ${method} ${path}: ${String(error)}`, true, undefined, {
          cause: error,
        }),
      };
    }
    const body = await readBody(res, method).catch(() => null);
    const retry = RETRYABLE_STATUS.has(res.status);
    return {
      failure: new ForgeError(describeFailure(method, path, res.status, body), retry, res.status),
      res,
    };
  }

  async function recordBudget(slot: TokenSlot, resHeaders: Headers): Promise<void> {
    const info = parseRateLimitHeaders(resHeaders);
    if (!info) return;
    slot.remaining = info.remaining;
    slot.resetAtMs = info.resetAt.getTime();
    await budget.record(slot.key, {
      remaining: info.remaining,
      resetAt: info.resetAt,
      ...(info.limit !== undefined ? { limit: info.limit } : {}),
    });
  }

  /** How long to wait before retrying; a 429 pauses its token for everyone who shares the budget. */
  async function planWait(slot: TokenSlot, res: Response, attempt: number): Promise<number> {
    const now = clock.now();
    const backoffMs = computeBackoffMs(attempt, backoff);
    if (res.status !== 429 && res.status !== 503) return backoffMs;
    const hinted =
      parseRetryAfter(res.headers, now) ??
      (res.status === 429 ? parseRateLimitHeaders(res.headers)?.resetAt : undefined);
    const until = hinted ?? new Date(now.getTime() + backoffMs);
    if (res.status === 429) {
      slot.pausedUntilMs = until.getTime();
      await budget.pause(slot.key, until, `429 from ${endpoint.apiUrl}`);
    }
    return Math.max(0, until.getTime() - now.getTime());
  }

  return { budgetKeys: pool.slots.map((slot) => slot.key), request, requestCount: () => count };
}
