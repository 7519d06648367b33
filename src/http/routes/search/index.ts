// GET /v1/search: ranked full-text search over software, with filters, facet counts and a next cursor; a strong
// ETag on every answer, 304 when the client already holds it.
import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { encodeJsonOnce, jsonWithEtag } from "../../etag.ts";
import { problems } from "../../openapi.ts";
import { createRouter } from "../../router.ts";
import { type SearchFilter, searchFilters } from "../../services.ts";
import { SearchQuerySchema, SearchResultSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/search",
  tags: ["software"],
  summary: "Search software",
  description:
    "Full-text search (name weighted above descriptions) in every language, filtered by facets. " +
    "Without `q`, results are the filtered software, most recently updated first.",
  operationId: "search-software",
  request: { query: SearchQuerySchema },
  responses: {
    200: { description: "Ranked results", content: { "application/json": { schema: SearchResultSchema } } },
    304: { description: "Not modified (If-None-Match matched the results' ETag)" },
    400: problems[400],
    429: problems[429],
  },
});

export function searchRouter() {
  return createRouter().openapi(route, async (c) => {
    const query = c.req.valid("query");
    const filters: Partial<Record<SearchFilter, string>> = {};
    for (const name of searchFilters) {
      const value = query[name];
      if (value !== undefined) filters[name] = value;
    }
    const view = await c.get("deps").services.search(callContext(c), {
      q: query.q?.trim() || undefined,
      filters,
      updatedSince: query.updatedSince,
      lang: query.lang,
      limit: query["page[size]"],
      after: query["page[after]"],
      facetLimit: query.facetLimit,
    });
    // no-cache: clients may keep an answer but must revalidate it (a cheap 304 until the catalogue changes).
    return jsonWithEtag(c, encodeJsonOnce(view), { "cache-control": "no-cache" });
  });
}
