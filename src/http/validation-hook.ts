// The one defaultHook every router uses, so every zod failure reads the same. A body that is well-formed JSON
// but breaks the schema is 422 (as developers-italia-api answers); bad query, path or header values are 400.
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./context.ts";
import { type FieldError, problemResponse } from "./errors.ts";

type HookResult = { success: true } | { success: false; error: z.ZodError; target: string };

export function toFieldErrors(error: z.ZodError, prefix = ""): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
}

export function validationHook(result: HookResult, c: Context<AppEnv>): Response | undefined {
  if (result.success) return undefined;
  const status = result.target === "json" ? 422 : 400;
  const where =
    result.target === "json" ? "request body" : result.target === "param" ? "path" : result.target;
  return problemResponse(c, status, `Invalid ${where}`, { errors: toFieldErrors(result.error) });
}
