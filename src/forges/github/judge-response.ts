// What a GitHub answer means for the request that got it: use it, wait for a reset, pause for a secondary limit,
// retry after a backoff, or give up. Kept pure (time comes in as `now`) so each branch is tested directly.
// @see https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
// @see https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
import { type HeaderSource, parseRateLimitHeaders, parseRetryAfter } from "../rate-limit.ts";
import { ForgeError } from "../types.ts";

export interface RawResponse {
  status: number;
  headers: HeaderSource;
  data: unknown;
}

export type Verdict =
  | { kind: "ok" }
  /** Primary budget spent: this token is unusable until `resetAt`. */
  | { kind: "exhausted"; resetAt: Date; reason: string }
  /** Secondary limit or Retry-After: wait until `until` (or `null`: the caller picks an escalating wait). */
  | { kind: "paused"; until: Date | null; reason: string }
  | { kind: "transient"; reason: string }
  | { kind: "fatal"; error: ForgeError };

function messageOf(data: unknown): string {
  if (typeof data === "object" && data !== null && "message" in data) return String(data.message);
  return typeof data === "string" ? data.slice(0, 200) : "";
}

function graphqlErrors(data: unknown): { type?: string; message?: string }[] {
  if (typeof data !== "object" || data === null || !("errors" in data) || !Array.isArray(data.errors))
    return [];
  return data.errors as { type?: string; message?: string }[];
}

/** Classifies one answer; 404 is "ok" because only the caller knows whether absence is an error. */
export function judgeResponse(res: RawResponse, graphql: boolean, now: Date): Verdict {
  const { status, headers, data } = res;
  const rate = parseRateLimitHeaders(headers);
  const retryAfter = parseRetryAfter(headers, now);
  if (status >= 200 && status < 300) {
    if (!graphql) return { kind: "ok" };
    // A cut-off or non-JSON body arrives as a string: a transport fault, not an answer.
    if (typeof data !== "object" || data === null)
      return { kind: "transient", reason: "malformed GraphQL response" };
    // GitHub answers GraphQL rate limits with HTTP 200 and errors[].type == "RATE_LIMITED".
    if (graphqlErrors(data).some((e) => e.type === "RATE_LIMITED")) {
      if (retryAfter)
        return { kind: "paused", until: retryAfter, reason: "GraphQL RATE_LIMITED (retry-after)" };
      if (rate && rate.remaining === 0)
        return { kind: "exhausted", resetAt: rate.resetAt, reason: "GraphQL RATE_LIMITED" };
      return { kind: "paused", until: null, reason: "GraphQL RATE_LIMITED" };
    }
    // GitHub reports a query that ran out of time as HTTP 200 with an error and no data; trying again can help.
    const errors = graphqlErrors(data);
    if (
      errors.length &&
      !("data" in data && data.data) &&
      errors.some((e) => /timeout|something went wrong/i.test(e.message ?? ""))
    ) {
      return { kind: "transient", reason: `GraphQL: ${errors[0]?.message}` };
    }
    return { kind: "ok" };
  }
  if (status === 404) return { kind: "ok" };
  if (status === 401) {
    return {
      kind: "fatal",
      error: new ForgeError(`GitHub refused the token: ${messageOf(data)}`, false, 401),
    };
  }
  if (status === 403 || status === 429) {
    if (retryAfter) return { kind: "paused", until: retryAfter, reason: `HTTP ${status} with retry-after` };
    if (rate && rate.remaining === 0)
      return { kind: "exhausted", resetAt: rate.resetAt, reason: "primary rate limit" };
    if (status === 429 || /secondary rate limit|abuse/i.test(messageOf(data))) {
      return { kind: "paused", until: null, reason: "secondary rate limit" };
    }
    return {
      kind: "fatal",
      error: new ForgeError(`GitHub forbade the request: ${messageOf(data)}`, false, 403),
    };
  }
  if (status >= 500 || status === 408) return { kind: "transient", reason: `HTTP ${status}` };
  return {
    kind: "fatal",
    error: new ForgeError(`GitHub answered HTTP ${status}: ${messageOf(data)}`, false, status),
  };
}
