// The canonical log line and the request metrics, taken at the same point so they always agree: one
// structured line per request (requestId, method, route template, status, duration, actor).
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../context.ts";

/** The matched route template (`/v1/software/:id`), so metrics labels stay bounded; "unmatched" for 404s. */
export function routeLabel(c: Context<AppEnv>): string {
  const path = routePath(c, -1);
  return !path || path === "/*" || path.endsWith("*") ? "unmatched" : path;
}

export function observeRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { logger, metrics } = c.get("deps");
    // performance.now() is monotonic and finer than the injected clock, which tests may freeze.
    const startedPrecise = performance.now();
    await next();
    const durationMs = performance.now() - startedPrecise;
    const route = routeLabel(c);
    const status = c.res.status;
    metrics.observeRequest({ method: c.req.method, route, status, durationSeconds: durationMs / 1000 });
    const identity = c.get("identity");
    logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        route,
        path: c.req.path,
        status,
        durationMs: Math.round(durationMs * 100) / 100,
        actor: identity ? `token:${identity.id}` : null,
      },
      "request",
    );
  };
}
