// The queue side as the admin routes see it: missing (a process without a queue) or unreachable (Redis down)
// both answer 503 problem+json with Retry-After, never 500: the API is fine, the queue is not.
import type { Context } from "hono";
import { QueueUnavailableError } from "../../../queue/errors.ts";
import type { AppEnv } from "../../context.ts";
import { ApiError } from "../../errors.ts";
import type { AdminServices } from "./port.ts";

export const retryAfterSeconds = 30;

export function adminOf(c: Context<AppEnv>): AdminServices {
  const admin = c.get("deps").admin;
  if (!admin) throw unavailable("This server runs no job queue.");
  return admin;
}

export async function orUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw unavailable(error.message);
    throw error;
  }
}

function unavailable(detail: string): ApiError {
  return new ApiError(503, detail, { headers: { "Retry-After": String(retryAfterSeconds) } });
}
