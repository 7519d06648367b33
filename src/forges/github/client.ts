// The GitHub ForgeClient: github.com or an Enterprise Server, a pool of tokens, and everything time- or
// chance-dependent injected (clock, sleep, random) so tests drive rate limits and retries without waiting.
import { setTimeout as delay } from "node:timers/promises";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { silentLogger } from "../../logger.ts";
import type { HostBudget } from "../host-budget.ts";
import type { ForgeClient, ForgeEndpoint } from "../types.ts";
import type { GithubContext } from "./context.ts";
import { listGithubSource } from "./list-source.ts";
import { scanGithubRepository } from "./scan-repository.ts";
import { GithubTransport, type Sleep, type WarnLogger } from "./transport.ts";

export interface GithubClientOptions {
  /** From resolveGithubEndpoint(webUrl, apiUrl?, tokens). */
  endpoint: ForgeEndpoint;
  budget: HostBudget;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** Retries one listSource/scanRepository call may spend in all (default 50). */
  retryBudgetPerCrawl?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  secondaryLimitWaitMs?: number;
  /** Longer rate-limit waits fail with a retryable ForgeError instead (default one hour). */
  maxRateLimitWaitMs?: number;
  /** Per-request timeout (default 60 s); a timed-out request is retried like a 502. */
  requestTimeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Retries and rate-limit waits are logged at warn (default: silent). */
  logger?: WarnLogger;
}

const sleepFor: Sleep = (ms, signal) => delay(ms, undefined, signal ? { signal } : {});

export function createGithubClient(options: GithubClientOptions): ForgeClient {
  if (options.endpoint.kind !== "github" || !options.endpoint.graphqlUrl) {
    throw new Error(
      "createGithubClient needs a GitHub endpoint with a graphqlUrl (see resolveGithubEndpoint)",
    );
  }
  const transport = new GithubTransport({
    endpoint: options.endpoint,
    budget: options.budget,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? sleepFor,
    random: options.random ?? Math.random,
    maxAttempts: options.maxAttempts ?? 5,
    logger: options.logger ?? silentLogger,
    backoff: { baseMs: options.backoffBaseMs ?? 1_000, maxMs: options.backoffMaxMs ?? 60_000 },
    secondaryLimitWaitMs: options.secondaryLimitWaitMs ?? 60_000,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 3_600_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ctx: GithubContext = {
    endpoint: options.endpoint,
    transport,
    retryBudgetPerCrawl: options.retryBudgetPerCrawl ?? 50,
  };
  return {
    endpoint: options.endpoint,
    listSource: (sourceUrl, listOptions) => listGithubSource(ctx, sourceUrl, listOptions),
    scanRepository: (repoUrlOrId, scanOptions) => scanGithubRepository(ctx, repoUrlOrId, scanOptions),
    requestCount: () => transport.requestCount(),
  };
}
