// Accepts a caller's X-Request-Id (so a trace spans a proxy and us) when it is short and printable, otherwise
// makes one; echoes it on every response, problems included.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const offered = c.req.header("x-request-id");
    const id = offered && acceptable.test(offered) ? offered : c.get("deps").generateId();
    c.set("requestId", id);
    await next();
    c.res.headers.set("X-Request-Id", id);
  };
}
