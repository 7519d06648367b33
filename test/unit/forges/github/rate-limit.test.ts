import { describe, expect, it } from "vitest";
import {
  computeBackoffMs,
  parseRateLimitHeaders,
  parseRetryAfter,
} from "../../../../src/forges/rate-limit.ts";

const now = new Date("2026-06-01T12:00:00Z");

describe("rate-limit headers (shared by the GitHub and GitLab clients)", () => {
  it("reads GitHub's x-ratelimit-* headers from a plain record", () => {
    const info = parseRateLimitHeaders({
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4321",
      "x-ratelimit-reset": "1780315200",
      "x-ratelimit-used": "679",
      "x-ratelimit-resource": "graphql",
    });
    expect(info).toEqual({
      limit: 5000,
      remaining: 4321,
      used: 679,
      resource: "graphql",
      resetAt: new Date(1_780_315_200_000),
    });
  });

  it("reads GitLab's RateLimit-* headers from fetch Headers, falling back to RateLimit-ResetTime", () => {
    const headers = new Headers({
      "RateLimit-Limit": "600",
      "RateLimit-Remaining": "0",
      "RateLimit-Observed": "600",
      "RateLimit-ResetTime": "Mon, 01 Jun 2026 12:01:00 GMT",
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limit: 600,
      remaining: 0,
      used: 600,
      resetAt: new Date("2026-06-01T12:01:00Z"),
    });
  });

  it("returns null when a response carries no budget", () => {
    expect(parseRateLimitHeaders({ "content-type": "application/json" })).toBeNull();
    expect(parseRateLimitHeaders({ "x-ratelimit-remaining": "10" })).toBeNull();
  });

  it.each([
    { name: "delta seconds", value: "120", expected: "2026-06-01T12:02:00.000Z" },
    { name: "an HTTP date", value: "Mon, 01 Jun 2026 12:05:00 GMT", expected: "2026-06-01T12:05:00.000Z" },
    {
      name: "an HTTP date in the past",
      value: "Mon, 01 Jun 2026 11:00:00 GMT",
      expected: "2026-06-01T12:00:00.000Z",
    },
  ])("turns Retry-After given as $name into an absolute time", ({ value, expected }) => {
    expect(parseRetryAfter({ "Retry-After": value }, now)?.toISOString()).toBe(expected);
  });

  it("ignores a missing or garbled Retry-After", () => {
    expect(parseRetryAfter({}, now)).toBeNull();
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeNull();
  });

  it("backs off exponentially with jitter in [cap/2, cap] and never beyond the maximum", () => {
    const opts = (r: number) => ({ baseMs: 1000, maxMs: 8000, random: () => r });
    expect([0, 1, 2, 3, 4].map((a) => computeBackoffMs(a, opts(0)))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4].map((a) => computeBackoffMs(a, opts(0.999999)))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
  });
});
