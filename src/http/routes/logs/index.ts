// GET /v1/logs: every log, most recent first; `search` matches inside the message.
import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { pageInput, pageQuery, problems, timeRangeQuery } from "../../openapi.ts";
import { createRouter } from "../../router.ts";
import { LogPageSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/logs",
  tags: ["logs"],
  summary: "List logs",
  operationId: "list-logs",
  request: {
    query: z.object({
      ...pageQuery,
      ...timeRangeQuery,
      search: z
        .string()
        .max(255)
        .optional()
        .openapi({ param: { name: "search", in: "query" } }),
    }),
  },
  responses: {
    200: { description: "A page of logs", content: { "application/json": { schema: LogPageSchema } } },
    400: problems[400],
    429: problems[429],
  },
});

export function logsRouter() {
  return createRouter().openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await c.get("deps").services.logs.list(callContext(c), {
      ...pageInput(query),
      from: query.from,
      to: query.to,
      search: query.search,
    });
    return c.json({ data: page.data, links: { prev: page.prev, next: page.next } }, 200);
  });
}
