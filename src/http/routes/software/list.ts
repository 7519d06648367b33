import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { allQuery, pageInput, pageQuery, problems, timeRangeQuery } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { SoftwarePageSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/software",
  tags: ["software"],
  summary: "List software",
  description:
    "Active software by default; `all=true` includes every lifecycle state. `url` matches aliases too.",
  operationId: "list-software",
  request: {
    query: z.object({
      ...allQuery,
      url: z
        .string()
        .min(1)
        .max(255)
        .optional()
        .openapi({ param: { name: "url", in: "query" } }),
      ...pageQuery,
      ...timeRangeQuery,
    }),
  },
  responses: {
    200: {
      description: "A page of software",
      content: { "application/json": { schema: SoftwarePageSchema } },
    },
    400: problems[400],
    429: problems[429],
  },
});

export function registerList(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await c.get("deps").services.software.list(callContext(c), {
      ...pageInput(query),
      all: query.all,
      url: query.url,
      from: query.from,
      to: query.to,
    });
    return c.json({ data: page.data, links: { prev: page.prev, next: page.next } }, 200);
  });
}
