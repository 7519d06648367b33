import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { allQuery, pageInput, pageQuery, problems, timeRangeQuery } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { PublisherPageSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/publishers",
  tags: ["publishers"],
  summary: "List publishers",
  operationId: "list-publishers",
  request: { query: z.object({ ...allQuery, ...pageQuery, ...timeRangeQuery }) },
  responses: {
    200: {
      description: "A page of publishers",
      content: { "application/json": { schema: PublisherPageSchema } },
    },
    400: problems[400],
    429: problems[429],
  },
});

export function registerList(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await c.get("deps").services.publishers.list(callContext(c), {
      ...pageInput(query),
      all: query.all,
      from: query.from,
      to: query.to,
    });
    return c.json({ data: page.data, links: { prev: page.prev, next: page.next } }, 200);
  });
}
