// Unknown routes: 405 with Allow when the path exists under another method, else a 404 problem. The known
// paths come from the OpenAPI registry, the same list the document is generated from.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "./context.ts";
import { problemResponse } from "./errors.ts";

interface KnownRoute {
  pattern: RegExp;
  method: string;
}

function compile(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

export function createUnmatchedHandler(app: OpenAPIHono<AppEnv>) {
  let known: KnownRoute[] | undefined;
  const knownRoutes = () => {
    // Computed on first use: routers are mounted before the handler runs, never after.
    known ??= app.openAPIRegistry.definitions.flatMap((def) =>
      def.type === "route"
        ? [{ pattern: compile(def.route.path), method: def.route.method.toUpperCase() }]
        : [],
    );
    return known;
  };
  return (c: Context<AppEnv>): Response => {
    const path = new URL(c.req.url).pathname;
    const allowed = knownRoutes()
      .filter((r) => r.pattern.test(path))
      .map((r) => r.method);
    if (allowed.length > 0) {
      const allow = [...new Set(allowed.includes("GET") ? [...allowed, "HEAD"] : allowed)].join(", ");
      return problemResponse(c, 405, `${c.req.method} is not allowed on ${path}; use ${allow}.`, {
        headers: { Allow: allow },
      });
    }
    return problemResponse(c, 404, `No route for ${c.req.method} ${path}`);
  };
}
