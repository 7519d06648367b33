// GET /.well-known/publiccode-catalogue, /federation/v1/changes and /federation/v1/snapshot: public, read-only
// and cacheable (docs/federation.md §2–4). Feed pages carry a strong ETag of their body, so a peer polling
// the head of the feed gets 304 with no body.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../context.ts";
import { ApiError } from "../../errors.ts";
import { encodeJson, jsonWithEtag } from "../../etag.ts";
import { problems } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import type { FederationServices } from "./port.ts";

const PageQuery = z.object({
  cursor: z.string().max(512).optional().openapi({ description: "Opaque cursor from a previous page" }),
  limit: z.string().max(16).optional().openapi({ description: "Records per page: default 100, at most 500" }),
});
const PageSchema = z
  .object({
    records: z.array(z.record(z.string(), z.unknown())),
    hasMore: z.boolean(),
    nextCursor: z.string(),
    changesCursor: z.string().optional(),
  })
  .openapi("FederationPage");

function federationOf(c: Context<AppEnv>): FederationServices {
  const federation = c.get("deps").federation;
  if (!federation) throw new ApiError(404, "This catalogue does not federate.");
  return federation;
}

function pageRoute(path: string, summary: string, operationId: string) {
  return createRoute({
    method: "get",
    path,
    tags: ["federation"],
    summary,
    operationId,
    request: { query: PageQuery },
    responses: {
      200: {
        description: "A page of signed records",
        content: { "application/json": { schema: PageSchema } },
      },
      304: { description: "Not modified (If-None-Match matched the page's ETag)" },
      400: problems[400],
      404: problems[404],
      410: problems[410],
      429: problems[429],
    },
  });
}

function etagResponse(c: Context<AppEnv>, body: unknown, cacheControl: string): Response {
  return jsonWithEtag(c, encodeJson(body), { "cache-control": cacheControl });
}

const descriptorRoute = createRoute({
  method: "get",
  path: "/.well-known/publiccode-catalogue",
  tags: ["federation"],
  summary: "Describe this catalogue: id, keys and feeds",
  operationId: "show-catalogue-descriptor",
  responses: {
    200: {
      description: "The catalogue descriptor",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
    404: problems[404],
  },
});

export function registerFeed(router: ReturnType<typeof createRouter>) {
  router.openapi(descriptorRoute, (c) => {
    c.header("cache-control", "max-age=300");
    return c.json(federationOf(c).descriptor() as Record<string, unknown>, 200);
  });
  // biome-ignore lint/suspicious/noExplicitAny: the handler returns a raw Response (ETag/304), not c.json.
  const raw = (handler: (c: Context<AppEnv>) => Promise<Response>) => handler as any;
  router.openapi(
    pageRoute("/federation/v1/changes", "Read the change feed", "list-federation-changes"),
    raw(async (c) => etagResponse(c, await federationOf(c).changes(c.req.query()), "no-cache")),
  );
  router.openapi(
    pageRoute("/federation/v1/snapshot", "Read the full catalogue, paged", "list-federation-snapshot"),
    raw(async (c) => etagResponse(c, await federationOf(c).snapshot(c.req.query()), "no-cache")),
  );
}
