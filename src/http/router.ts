// Every router is made here, so none can forget the shared validation hook.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context.ts";
import { validationHook } from "./validation-hook.ts";

export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    // biome-ignore lint/suspicious/noExplicitAny: the hook's result type is generic per route; ours reads only success/error/target.
    defaultHook: validationHook as any,
  });
}
