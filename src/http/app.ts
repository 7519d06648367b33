// createApp(deps) builds the whole HTTP API and never listens: src/node.ts serves it, tests call app.request().
import { randomUUID } from "node:crypto";
import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps, AppEnv } from "./context.ts";
import { handleError, problemResponse } from "./errors.ts";
import { authenticate, refuseFailedAuth } from "./middleware/auth.ts";
import { observeRequests } from "./middleware/observe.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { requestId } from "./middleware/request-id.ts";
import { bearerSchemeName, documentInfo } from "./openapi.ts";
import { createRouter } from "./router.ts";
import { mountV1 } from "./routes/index.ts";
import { createUnmatchedHandler } from "./unmatched.ts";

export type AppDepsInput = Omit<AppDeps, "rateLimit" | "maxBodyBytes" | "generateId" | "clientAddress"> &
  Partial<Pick<AppDeps, "rateLimit" | "maxBodyBytes" | "generateId" | "clientAddress">>;

/** @hono/node-server puts the Node request in `c.env.incoming`; app.request() in tests has none. */
function nodeClientAddress(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

export function createApp(input: AppDepsInput): OpenAPIHono<AppEnv> {
  const deps: AppDeps = {
    rateLimit: { capacity: 120, refillPerSecond: 20 },
    maxBodyBytes: 1024 * 1024,
    generateId: randomUUID,
    clientAddress: nodeClientAddress,
    ...input,
  };
  const app = createRouter();
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("identity", null);
    await next();
  });
  app.use("*", requestId());
  app.use("*", observeRequests());
  app.use("*", authenticate());
  if (deps.rateLimit) app.use("*", rateLimit(deps.rateLimit));
  app.use("*", refuseFailedAuth());
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) => problemResponse(c, 413, `The request body exceeds ${deps.maxBodyBytes} bytes.`),
    }),
  );

  mountV1(app);

  app.openAPIRegistry.registerComponent("securitySchemes", bearerSchemeName, {
    type: "http",
    scheme: "bearer",
    description: "A catalogue token: `Authorization: Bearer <secret>`; scopes are listed per operation.",
  });
  app.doc31("/openapi.json", documentInfo);
  app.get("/docs", swaggerUI({ url: "/openapi.json", title: "Catalogue API reference" }));
  app.get("/metrics", async (c) => {
    await deps.metrics.refresh?.();
    const text = deps.metrics.render();
    if (text === null) return problemResponse(c, 404, "Metrics are disabled.");
    return c.text(text, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });

  app.notFound(createUnmatchedHandler(app));
  app.onError(handleError);
  return app;
}
