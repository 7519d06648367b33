// GET /v1/catalogs: the catalogues this instance knows (its federation peers), as the open-catalog-api lists them.
import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { allQuery, LinksSchema, pageInput, pageQuery, problems } from "../../openapi.ts";
import { createRouter } from "../../router.ts";

const CatalogSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    alternativeId: z.string().optional().openapi({ description: "The peer catalogue's own id" }),
    active: z.boolean(),
    sources: z.array(z.object({ url: z.string(), driver: z.string().optional() })),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Catalog");

const route = createRoute({
  method: "get",
  path: "/catalogs",
  tags: ["catalogs"],
  summary: "List catalogs",
  operationId: "list-catalogs",
  request: { query: z.object({ ...allQuery, ...pageQuery }) },
  responses: {
    200: {
      description: "A page of catalogs",
      content: {
        "application/json": { schema: z.object({ data: z.array(CatalogSchema), links: LinksSchema }) },
      },
    },
    400: problems[400],
    429: problems[429],
  },
});

export function catalogsRouter() {
  return createRouter().openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await c
      .get("deps")
      .services.catalogs.list(callContext(c), { ...pageInput(query), all: query.all });
    return c.json({ data: page.data, links: { prev: page.prev, next: page.next } }, 200);
  });
}
