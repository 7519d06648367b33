// Rate-limit headers and retry delays shared by the GitHub and GitLab clients.
// GitHub: x-ratelimit-limit/remaining/reset (epoch seconds)/used/resource, Retry-After on secondary limits
//   @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
// GitLab: RateLimit-Limit/Remaining/Reset (epoch seconds)/Observed, RateLimit-ResetTime (HTTP date), Retry-After
//   @see https://docs.gitlab.com/ee/administration/settings/user_and_ip_rate_limits.html#response-headers

/** Headers as fetch gives them (`Headers`) or as octokit/gitbeaker give them (a lower- or mixed-case record). */
export type HeaderSource = Headers | Record<string, string | number | string[] | undefined | null>;

export interface RateLimitInfo {
  remaining: number;
  limit?: number;
  used?: number;
  resetAt: Date;
  /** GitHub's x-ratelimit-resource: "core", "graphql", "search"… */
  resource?: string;
}

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
    return Array.isArray(value) ? value[0] : String(value);
  }
  return undefined;
}

function readNumber(headers: HeaderSource, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = readHeader(headers, name);
    if (raw === undefined || raw.trim() === "") continue;
    const n = Number(raw);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/** The budget a response reports, or null when it carries no rate-limit headers (e.g. GHES with limits off). */
export function parseRateLimitHeaders(headers: HeaderSource): RateLimitInfo | null {
  const remaining = readNumber(headers, "x-ratelimit-remaining", "ratelimit-remaining");
  const resetEpoch = readNumber(headers, "x-ratelimit-reset", "ratelimit-reset");
  if (remaining === undefined) return null;
  let resetAt: Date | undefined;
  if (resetEpoch !== undefined) resetAt = new Date(resetEpoch * 1000);
  else {
    const resetTime = readHeader(headers, "ratelimit-resettime");
    const parsed = resetTime ? Date.parse(resetTime) : Number.NaN;
    if (!Number.isNaN(parsed)) resetAt = new Date(parsed);
  }
  if (!resetAt) return null;
  const info: RateLimitInfo = { remaining, resetAt };
  const limit = readNumber(headers, "x-ratelimit-limit", "ratelimit-limit");
  const used = readNumber(headers, "x-ratelimit-used", "ratelimit-observed");
  const resource = readHeader(headers, "x-ratelimit-resource");
  if (limit !== undefined) info.limit = limit;
  if (used !== undefined) info.used = used;
  if (resource !== undefined) info.resource = resource;
  return info;
}

/** Retry-After as an absolute time: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(headers: HeaderSource, now: Date): Date | null {
  const raw = readHeader(headers, "retry-after")?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return new Date(now.getTime() + Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : new Date(Math.max(at, now.getTime()));
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Injected randomness in [0, 1). */
  random: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, half random, so retries
 * from many workers spread out yet never fire immediately (a retry storm is what rate limiters punish).
 * `attempt` counts from 0 for the first retry.
 */
export function computeBackoffMs(attempt: number, options: BackoffOptions): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(cap / 2 + options.random() * (cap / 2));
}
