// What createApp needs from the outside world, and what each request carries through Hono's typed context.
// Everything is injected (services, token check, clock, id source) so tests run the whole app in-process.

import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import type { MetricsRegistry } from "./metrics/registry.ts";
import type { AdminServices } from "./routes/admin/port.ts";
import type { FederationServices } from "./routes/federation/port.ts";
import type { CatalogueServices } from "./services.ts";

export const scopes = ["publishers:write", "software:write", "forges:write", "peers:write", "admin"] as const;
export type Scope = (typeof scopes)[number];

/** Who a bearer token belongs to; `verifyToken` returns it, or null for an unknown, revoked or expired secret. */
export interface TokenIdentity {
  id: string;
  scopes: readonly string[];
}

export type VerifyToken = (secret: string) => TokenIdentity | null | Promise<TokenIdentity | null>;

export interface RateLimitOptions {
  /** Bucket size: how many requests a client may burst. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export interface AppDeps {
  services: CatalogueServices;
  verifyToken: VerifyToken;
  logger: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  /** false turns rate limiting off (benchmarks, trusted deployments behind a limiting proxy). */
  rateLimit: RateLimitOptions | false;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  generateId: () => string;
  /** The client address used as rate-limit key for anonymous requests. */
  clientAddress: (raw: unknown) => string;
  /** Queue state and crawl triggers (/v1/admin); absent when this process runs no queue (503 then). */
  admin?: AdminServices;
  /** Federation feeds and peers (/.well-known, /federation/v1, /v1/peers); absent: those answer 404. */
  federation?: FederationServices;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    identity: TokenIdentity | null;
    /** Set by `authenticate` when a token was offered and refused; thrown after rate limiting. */
    authFailure?: Error;
  };
}
