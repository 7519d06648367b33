// The fake GitLab: the shared HTTP core (request counts, fault injection) around the v4 routes, plus what GitLab
// adds to every answer: PRIVATE-TOKEN / Bearer authentication, RateLimit-* headers with a 429 + Retry-After when
// the budget runs out, and weak ETags with 304 on If-None-Match.
// @see https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers
import { createHash } from "node:crypto";
import {
  type FakeHttpServer,
  type FakeRequest,
  type FakeResponse,
  type FaultOptions,
  startFakeHttpServer,
} from "../http.ts";
import { classifyGitlabRequest, routeGitlabRequest } from "./routes.ts";
import type { FakeGitlabWorld } from "./world.ts";

export interface FakeGitlabOptions {
  world: FakeGitlabWorld;
  /** Valid tokens; a request with another token gets 401. Anonymous requests are always allowed. */
  tokens?: string[];
  /**
   * Requests per window before 429, counted per token and for anonymous callers together, as GitLab counts per
   * user and per IP (default: unlimited, but the headers are still sent).
   */
  rateLimit?: { limit: number; windowMs: number };
  /** The fake's notion of time for RateLimit-Reset (default Date.now); share a test clock with the client. */
  now?: () => number;
  faults?: FaultOptions;
  /** Runs before each request is answered, e.g. to change the world between two pages of one listing. */
  onRequest?: (req: FakeRequest) => void;
}

export interface FakeGitlab extends FakeHttpServer {
  /** The instance's web URL; the API lives at `${webUrl}/api/v4`. */
  webUrl: string;
  apiUrl: string;
}

export async function startFakeGitlab(options: FakeGitlabOptions): Promise<FakeGitlab> {
  const now = options.now ?? Date.now;
  const limit = options.rateLimit?.limit ?? 2000;
  const windowMs = options.rateLimit?.windowMs ?? 60_000;
  const windows = new Map<string, { resetAt: number; used: number }>();

  const handler = (req: FakeRequest): FakeResponse => {
    options.onRequest?.(req);
    const token = readToken(req);
    let window = windows.get(token ?? "");
    if (!window || now() >= window.resetAt) {
      window = { resetAt: now() + windowMs, used: 0 };
      windows.set(token ?? "", window);
    }
    window.used++;
    const rateHeaders = {
      "ratelimit-limit": String(limit),
      "ratelimit-observed": String(window.used),
      "ratelimit-remaining": String(Math.max(0, limit - window.used)),
      "ratelimit-reset": String(Math.ceil(window.resetAt / 1000)),
      "ratelimit-resettime": new Date(window.resetAt).toUTCString(),
    };
    if (options.rateLimit && window.used > limit) {
      const retryAfter = Math.max(1, Math.ceil((window.resetAt - now()) / 1000));
      return {
        status: 429,
        headers: { ...rateHeaders, "retry-after": String(retryAfter) },
        body: "Retry later\n",
      };
    }
    if (token !== undefined && !(options.tokens ?? []).includes(token)) {
      return { status: 401, headers: rateHeaders, body: { message: "401 Unauthorized" } };
    }
    const webUrl = `http://${req.headers.host}`;
    const res = routeGitlabRequest({ world: options.world, authenticated: token !== undefined, webUrl }, req);
    return withEtag(req, { ...res, headers: { ...rateHeaders, ...res.headers } });
  };

  const server = await startFakeHttpServer(handler, {
    classify: classifyGitlabRequest,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  return Object.assign(server, { webUrl: server.url, apiUrl: `${server.url}/api/v4` });
}

function readToken(req: FakeRequest): string | undefined {
  const privateToken = req.headers["private-token"];
  if (typeof privateToken === "string") return privateToken;
  const auth = req.headers.authorization;
  return auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
}

/** GitLab's Rack::ETag gives JSON answers a weak ETag and answers a matching If-None-Match with 304. */
function withEtag(req: FakeRequest, res: FakeResponse): FakeResponse {
  if (req.method !== "GET" || res.status !== 200 || res.body === undefined) return res;
  const etag = `W/"${createHash("md5").update(JSON.stringify(res.body)).digest("hex")}"`;
  if (req.headers["if-none-match"] === etag) return { status: 304, headers: { ...res.headers, etag } };
  return { ...res, headers: { ...res.headers, etag } };
}

/** A 429 as GitLab sends it when a rate limit trips, for fault rules. */
export function gitlabTooManyRequests(retryAfterSeconds: number): FakeResponse {
  return { status: 429, headers: { "retry-after": String(retryAfterSeconds) }, body: "Retry later\n" };
}

/** A listing page cut off mid-body (a proxy dropping the connection's tail), for fault rules. */
export function truncatedJsonPage(): FakeResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: '[{"id":1,"path":"cut' };
}
