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
  readonly budgetKey: string;
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
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? systemClock;
  const maxRetries = options.maxRetries ?? 4;
  const backoff = { baseMs: options.retryBaseMs ?? 1000, maxMs: options.retryMaxMs ?? 60_000, random };
  const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const token = endpoint.tokens[0];
  // One budget per token (or per anonymous client IP): GitLab counts each separately.
  const budgetKey = `${new URL(endpoint.apiUrl).host}#${token ? 0 : "anonymous"}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers["private-token"] = token;
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
      await budget.acquire(budgetKey, signal);
      count++;
      const outcome = await attemptOnce(method, url, path, signal);
      if ("response" in outcome) return outcome.response;
      const { failure, res } = outcome;
      if (!failure.retry) throw failure;
      // Planned before the attempt check so a final 429 still pauses the host for everyone else.
      const waitMs = res ? await planWait(res, attempt) : computeBackoffMs(attempt, backoff);
      if (attempt >= maxRetries) throw failure;
      await sleep(waitMs, signal);
    }
  }

  type Outcome = { response: GitlabResponse } | { failure: ForgeError; res?: Response };

  async function attemptOnce(
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
      res = await doFetch(url, { method, headers, signal: attemptSignal });
      await recordBudget(res.headers);
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

  async function recordBudget(resHeaders: Headers): Promise<void> {
    const info = parseRateLimitHeaders(resHeaders);
    if (!info) return;
    await budget.record(budgetKey, {
      remaining: info.remaining,
      resetAt: info.resetAt,
      ...(info.limit !== undefined ? { limit: info.limit } : {}),
    });
  }

  /** How long to wait before retrying a retryable status; pauses the whole host on 429. */
  async function planWait(res: Response, attempt: number): Promise<number> {
    const now = clock.now();
    if (res.status !== 429 && res.status !== 503) return computeBackoffMs(attempt, backoff);
    const until =
      parseRetryAfter(res.headers, now) ??
      (res.status === 429 ? parseRateLimitHeaders(res.headers)?.resetAt : null);
    if (!until) return computeBackoffMs(attempt, backoff);
    const waitMs = Math.max(0, until.getTime() - now.getTime());
    if (waitMs > maxWaitMs) {
      throw new ForgeError(
        `GitLab asks to wait ${Math.ceil(waitMs / 1000)} s, more than allowed`,
        true,
        res.status,
      );
    }
    if (res.status === 429) await budget.pause(budgetKey, until, `429 from ${endpoint.apiUrl}`);
    return waitMs;
  }

  return { budgetKey, request, requestCount: () => count };
}

/** JSON for JSON answers, text otherwise; a body cut off mid-way throws, so the caller retries it. */
async function readBody(res: Response, method: string): Promise<unknown> {
  if (method === "HEAD" || res.status === 204 || res.status === 304) return null;
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return type.includes("json") ? JSON.parse(text) : text;
}

function describeFailure(method: string, path: string, status: number, body: unknown): string {
  const detail =
    body && typeof body === "object"
      ? String(
          (body as { message?: unknown; error?: unknown }).message ??
            (body as { error?: unknown }).error ??
            "",
        )
      : typeof body === "string"
        ? body.trim()
        : "";
  return `GitLab ${method} ${path}: ${status}${detail ? ` ${detail}` : ""}`;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
