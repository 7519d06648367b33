// Turns a request into the CallContext every verb receives: the actor (`token:<id>`) goes to the change log,
// the request id ties the verb's own log lines to the request's canonical line.
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./context.ts";
import { ApiError } from "./errors.ts";
import type { CallContext } from "./services.ts";
import { toFieldErrors } from "./validation-hook.ts";

export function callContext(c: Context<AppEnv>): CallContext {
  const identity = c.get("identity");
  const requestId = c.get("requestId");
  return {
    actor: identity ? `token:${identity.id}` : null,
    requestId,
    logger: c.get("deps").logger.child({ requestId }),
  };
}

/**
 * Reads and validates a JSON body by hand, for routes whose schema depends on the content type (PATCH takes
 * merge-patch or JSON-patch): malformed JSON is 400, a schema failure 422, like the shared hook.
 */
export async function readJsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, "Malformed JSON in request body");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(422, "Invalid request body", { errors: toFieldErrors(parsed.error) });
  }
  return parsed.data;
}
