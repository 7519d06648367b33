import { createRoute, z } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { pageInput, pageQuery, problems, timeRangeQuery } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { LogPageSchema } from "../logs/schemas.ts";
import { SoftwareIdParams } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/software/{id}/logs",
  tags: ["logs", "software"],
  summary: "List the logs of a software",
  description: "Most recent first.",
  operationId: "list-software-softwareId-logs",
  request: { params: SoftwareIdParams, query: z.object({ ...pageQuery, ...timeRangeQuery }) },
  responses: {
    200: { description: "A page of logs", content: { "application/json": { schema: LogPageSchema } } },
    400: problems[400],
    404: problems[404],
    429: problems[429],
  },
});

export function registerLogs(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const page = await c.get("deps").services.software.listLogs(callContext(c), {
      id: c.req.valid("param").id,
      ...pageInput(query),
      from: query.from,
      to: query.to,
    });
    return c.json({ data: page.data, links: { prev: page.prev, next: page.next } }, 200);
  });
}
