// Per-client token bucket: a token's id when authenticated, else the client address. Answers 429 with
// Retry-After and the RateLimit-* fields of draft-ietf-httpapi-ratelimit-headers, and sets the same fields on
// every response so clients can pace themselves. In memory: each server instance limits on its own.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, RateLimitOptions } from "../context.ts";
import { ApiError } from "../errors.ts";

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets above this count trigger a sweep of the full (idle) ones, so memory stays bounded. */
const sweepThreshold = 10_000;

export function createTokenBuckets(options: RateLimitOptions) {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, nowMs: number) => {
    const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(options.capacity, bucket.tokens + elapsed * options.refillPerSecond);
    bucket.updatedMs = nowMs;
  };
  return {
    /** Takes one token for `key`; returns what is left and, when refused, how long until one is back. */
    take(key: string, nowMs: number): { allowed: boolean; remaining: number; retryAfterSeconds: number } {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= sweepThreshold) {
          for (const [k, b] of buckets) {
            refill(b, nowMs);
            if (b.tokens >= options.capacity) buckets.delete(k);
          }
        }
        bucket = { tokens: options.capacity, updatedMs: nowMs };
        buckets.set(key, bucket);
      }
      refill(bucket, nowMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
      }
      const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / options.refillPerSecond);
      return { allowed: false, remaining: 0, retryAfterSeconds };
    },
  };
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const buckets = createTokenBuckets(options);
  const windowSeconds = Math.ceil(options.capacity / options.refillPerSecond);
  return async (c, next) => {
    const deps = c.get("deps");
    const identity = c.get("identity");
    const key = identity ? `token:${identity.id}` : `ip:${deps.clientAddress(c.env)}`;
    const result = buckets.take(key, deps.clock.now().getTime());
    const headers: Record<string, string> = {
      "RateLimit-Policy": `${options.capacity};w=${windowSeconds}`,
      "RateLimit-Limit": String(options.capacity),
      "RateLimit-Remaining": String(result.remaining),
      "RateLimit-Reset": String(result.retryAfterSeconds),
    };
    if (!result.allowed) {
      throw new ApiError(429, `Too many requests; retry in ${result.retryAfterSeconds} s.`, {
        headers: { ...headers, "Retry-After": String(result.retryAfterSeconds) },
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
