// Shared OpenAPI pieces: the problem schema, pagination, the bearer scheme, the standard error responses and
// `secured()`, which puts a write route's scope both in the document and in its middleware, so the doc the
// auth tests read and the check the server runs cannot drift apart.
import { z } from "@hono/zod-openapi";
import type { Scope } from "./context.ts";
import { requireScope } from "./middleware/auth.ts";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "about:blank" }),
    title: z.string().openapi({ example: "Not Found" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string(),
    instance: z.string().openapi({ example: "/v1/software/c353756e-8597-4e46-a99b-7da2e141603b" }),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    code: z.string().optional().openapi({ example: "cursor-expired" }),
  })
  .openapi("Problem", { description: "RFC 9457 problem details" });

export const LinksSchema = z
  .object({
    prev: z.string().nullable().openapi({ description: "Cursor of the previous page, null on the first" }),
    next: z.string().nullable().openapi({ description: "Cursor of the next page, null on the last" }),
  })
  .openapi("Links");

const uuidPattern = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89aAbB][a-f0-9]{3}-[a-f0-9]{12}$/;
export const UuidSchema = z.string().max(36).regex(uuidPattern, "must be a UUID v4");

const cursor = z.string().min(1).max(255);
const pageSize = z.coerce.number().int().min(1).max(100).default(25);
const booleanQuery = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");
const dateTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** The cursor pagination parameters every list shares (`page[size]`, `page[after]`, `page[before]`). */
export const pageQuery = {
  "page[size]": pageSize.openapi({ param: { name: "page[size]", in: "query" }, example: 25 }),
  "page[after]": cursor.optional().openapi({ param: { name: "page[after]", in: "query" } }),
  "page[before]": cursor.optional().openapi({ param: { name: "page[before]", in: "query" } }),
};
export const timeRangeQuery = {
  from: dateTime
    .optional()
    .openapi({ param: { name: "from", in: "query" }, example: "2022-06-07T09:56:23Z" }),
  to: dateTime.optional().openapi({ param: { name: "to", in: "query" }, example: "2022-06-07T14:56:23Z" }),
};
export const allQuery = { all: booleanQuery.openapi({ param: { name: "all", in: "query" } }) };

export function pageInput(query: { "page[size]": number; "page[after]"?: string; "page[before]"?: string }) {
  return { limit: query["page[size]"], after: query["page[after]"], before: query["page[before]"] };
}

const problemContent = { "application/problem+json": { schema: ProblemSchema } };
const problem = (description: string) => ({ description, content: problemContent });

export const problems = {
  400: problem("Bad request: malformed query, path or body"),
  401: problem("Missing or unknown bearer token"),
  403: problem("The token lacks the scope this operation needs"),
  404: problem("Not found"),
  409: problem("Conflict with the current state"),
  410: problem("Gone: e.g. a feed cursor behind the compaction horizon (code cursor-expired)"),
  412: problem("Precondition failed"),
  413: problem("Request body too large"),
  415: problem("Unsupported media type"),
  422: problem("The body is well-formed but invalid"),
  429: problem("Rate limited; see Retry-After"),
} as const;

export const bearerSchemeName = "bearerAuth";

/** Route-config fields that make a route a write: security requirement (with the scope) and the guard. */
export function secured(scope: Scope) {
  return {
    security: [{ [bearerSchemeName]: [scope] }],
    middleware: [requireScope(scope)],
    "x-required-scope": scope,
  };
}

export const documentInfo = {
  openapi: "3.1.0",
  info: {
    title: "Public-sector software catalogue API",
    version: "1.0.0",
    description:
      "Compatible with the open-catalog-api (https://github.com/publiccodeyml/open-catalog-api) for " +
      "/v1 resources, plus full-text search and harvest status. Errors are RFC 9457 problem+json.",
  },
};
