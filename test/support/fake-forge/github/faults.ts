// Ready-made GitHub failure answers for FaultRule.respond: primary and secondary rate limits (REST and GraphQL),
// gateway errors and cut-off bodies, shaped as GitHub sends them.
// @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
// @see https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
import type { FakeResponse } from "../http.ts";

const DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

/** 429 with Retry-After (seconds). */
export function tooManyRequests(retryAfterSeconds: number): FakeResponse {
  return {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
    body: { message: "API rate limit exceeded", documentation_url: DOCS, status: "429" },
  };
}

/** Secondary rate limit: 403 with Retry-After and the budget not exhausted. */
export function secondaryRateLimit(retryAfterSeconds: number | null, remaining = 4000): FakeResponse {
  const headers: Record<string, string> = {
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-limit": "5000",
  };
  if (retryAfterSeconds !== null) headers["retry-after"] = String(retryAfterSeconds);
  return {
    status: 403,
    headers,
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
      documentation_url:
        "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      status: "403",
    },
  };
}

/** Primary limit on REST: 403 with remaining 0 and the reset time (epoch seconds). */
export function primaryRateLimit(resetAt: Date): FakeResponse {
  return {
    status: 403,
    headers: rateHeaders({ limit: 5000, remaining: 0, resetAt, resource: "core" }),
    body: { message: "API rate limit exceeded for user ID 1.", documentation_url: DOCS, status: "403" },
  };
}

/** GraphQL rate limit: GitHub answers HTTP 200 with `errors[].type == "RATE_LIMITED"`. */
export function graphqlRateLimited(resetAt: Date): FakeResponse {
  return {
    status: 200,
    headers: rateHeaders({ limit: 5000, remaining: 0, resetAt, resource: "graphql" }),
    body: { errors: [{ type: "RATE_LIMITED", message: "API rate limit already exceeded for user ID 1." }] },
  };
}

export function badGateway(): FakeResponse {
  return {
    status: 502,
    headers: { "content-type": "text/html" },
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
  };
}

/** A 200 whose JSON body stops half-way, as when a connection drops mid-answer. */
export function truncatedBody(): FakeResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: '{"data":{"repositoryOwner":{"repos',
  };
}

export function rateHeaders(state: {
  limit: number;
  remaining: number;
  resetAt: Date;
  resource: string;
}): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(Math.max(0, state.remaining)),
    "x-ratelimit-reset": String(Math.ceil(state.resetAt.getTime() / 1000)),
    "x-ratelimit-used": String(state.limit - Math.max(0, state.remaining)),
    "x-ratelimit-resource": state.resource,
  };
}
