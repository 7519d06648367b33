// Sends GitHub requests through octokit, with octokit's own retry and throttling plugins off: the policy lives
// here and in the RateGate, tied to the token pool and the shared HostBudget. Bounded: at most `maxAttempts`
// per request and a retry budget per crawl shared by its requests; exponential backoff with jitter for faults,
// exact waits for rate limits, and a timeout per request so a hung connection cannot hang a crawl.
import { Octokit, RequestError } from "octokit";
import { computeBackoffMs } from "../rate-limit.ts";
import { ForgeError } from "../types.ts";
import { judgeResponse, type RawResponse, type Verdict } from "./judge-response.ts";
import { RateGate, type RateGateOptions } from "./rate-gate.ts";
import type { GithubResource, TokenSlot } from "./token-pool.ts";

export type { Sleep } from "./rate-gate.ts";

export interface GithubTransportOptions extends RateGateOptions {
  maxAttempts: number;
  /** Gets one warn line per retry (reason, attempt, status), so rate limits and outages show in the logs. */
  logger: WarnLogger;
  backoff: { baseMs: number; maxMs: number };
  /** An answer slower than this counts as a transient fault. */
  requestTimeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

/** The one logger method the client uses; a pino Logger fits. */
export interface WarnLogger {
  warn(fields: object, msg: string): void;
}

/** Retries a whole crawl may still spend; shared by its requests so a sick forge cannot cause a storm. */
export interface RetryBudget {
  remaining: number;
}

type Call = (
  octokit: Octokit,
  signal: AbortSignal,
) => Promise<{ status: number; headers: object; data: unknown }>;

export interface GraphqlBody {
  data?: unknown;
  errors?: { type?: string; message?: string; path?: unknown[] }[];
}

const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

export class GithubTransport {
  private readonly gate: RateGate;
  private readonly octokits = new Map<TokenSlot, Octokit>();
  private sent = 0;

  constructor(private readonly options: GithubTransportOptions) {
    this.gate = new RateGate(options);
  }

  requestCount(): number {
    return this.sent;
  }

  async graphql(query: string, variables: Record<string, unknown>, retry: RetryBudget, signal?: AbortSignal) {
    const { endpoint } = this.options;
    // GitHub serves GraphQL to authenticated callers only; fail before sending rather than collect a 401.
    if (endpoint.tokens.length === 0) {
      throw new ForgeError(
        `GitHub's GraphQL API needs a token: configure one for ${endpoint.apiUrl}`,
        false,
        401,
      );
    }
    const url = endpoint.graphqlUrl!;
    const call: Call = (o, s) => o.request({ method: "POST", url, query, variables, request: { signal: s } });
    return (await this.send("graphql", call, retry, signal)).data as GraphqlBody;
  }

  /** A REST GET; 404 comes back as a response, every other failure as a ForgeError. */
  restGet(route: string, params: Record<string, string>, retry: RetryBudget, signal?: AbortSignal) {
    const call: Call = (o, s) => o.request(`GET ${route}`, { ...params, request: { signal: s } });
    return this.send("core", call, retry, signal);
  }

  private async send(resource: GithubResource, call: Call, retry: RetryBudget, signal?: AbortSignal) {
    for (let attempt = 1; ; attempt++) {
      const slot = await this.gate.acquire(resource, signal);
      const { res, verdict } = await this.attempt(slot, resource, call, signal);
      if (verdict.kind === "ok") {
        this.gate.succeeded();
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
      this.options.logger.warn(
        {
          forge: "github",
          host: new URL(this.options.endpoint.apiUrl).host,
          resource,
          attempt,
          status: res?.status,
          reason: verdict.reason,
        },
        "github request will be retried",
      );
      if (verdict.kind === "transient") {
        const { baseMs, maxMs } = this.options.backoff;
        await this.options.sleep(
          computeBackoffMs(attempt - 1, { baseMs, maxMs, random: this.options.random }),
          signal,
        );
      } else {
        await this.gate.limited(slot, resource, verdict);
      }
    }
  }

  private async attempt(
    slot: TokenSlot,
    resource: GithubResource,
    call: Call,
    signal?: AbortSignal,
  ): Promise<{ res: RawResponse | null; verdict: Verdict }> {
    this.sent++;
    let res: RawResponse;
    try {
      const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
      res = toRaw(await call(this.octokitFor(slot), signal ? AbortSignal.any([signal, timeout]) : timeout));
    } catch (error) {
      if (signal?.aborted) throw error;
      // Network failures and timeouts carry no response: worth another try after a backoff.
      if (!(error instanceof RequestError && error.response)) {
        return {
          res: null,
          verdict: { kind: "transient", reason: error instanceof Error ? error.message : String(error) },
        };
      }
      res = toRaw(error.response);
    }
    await this.gate.learn(slot, resource, res);
    return { res, verdict: judgeResponse(res, resource === "graphql", this.options.clock.now()) };
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
