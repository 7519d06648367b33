// Bearer tokens (RFC 6750). `authenticate` runs on every request: no header means an anonymous reader; a header
// with an unknown secret is refused (401) even on reads, so a client with a broken token finds out at once.
// `requireScope` guards each write route; `admin` implies every scope.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Scope, TokenIdentity } from "../context.ts";
import { ApiError } from "../errors.ts";

const challenge = (error?: string) =>
  error ? `Bearer realm="catalogue", error="${error}"` : 'Bearer realm="catalogue"';

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("identity", null);
    const header = c.req.header("authorization");
    if (header === undefined) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      c.set(
        "authFailure",
        new ApiError(401, "The Authorization header must be 'Bearer <token>'.", {
          headers: { "WWW-Authenticate": challenge("invalid_request") },
        }),
      );
      return next();
    }
    const identity = await c.get("deps").verifyToken(match[1]!);
    if (identity) c.set("identity", identity);
    else {
      c.set(
        "authFailure",
        new ApiError(401, "The bearer token is unknown, revoked or expired.", {
          headers: { "WWW-Authenticate": challenge("invalid_token") },
        }),
      );
    }
    return next();
  };
}

/**
 * Refuses a request whose token failed. Separate from `authenticate` so the rate limiter runs in between:
 * a client guessing tokens is limited by its address like any anonymous client.
 */
export function refuseFailedAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const failure = c.get("authFailure");
    if (failure) throw failure;
    return next();
  };
}

export function hasScope(identity: TokenIdentity, scope: Scope): boolean {
  return identity.scopes.includes("admin") || identity.scopes.includes(scope);
}

export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const identity = c.get("identity");
    if (!identity) {
      throw new ApiError(401, "This operation needs a bearer token.", {
        headers: { "WWW-Authenticate": challenge() },
      });
    }
    if (!hasScope(identity, scope)) {
      throw new ApiError(403, `This operation needs a token with the '${scope}' scope.`, {
        headers: { "WWW-Authenticate": `${challenge("insufficient_scope")}, scope="${scope}"` },
      });
    }
    return next();
  };
}
