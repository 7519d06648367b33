import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { PublisherIdParams, PublisherSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/publishers/{id}",
  tags: ["publishers"],
  summary: "Get a publisher by id or alternativeId",
  operationId: "show-publisher-publisherId",
  request: { params: PublisherIdParams },
  responses: {
    200: { description: "The publisher", content: { "application/json": { schema: PublisherSchema } } },
    404: problems[404],
    429: problems[429],
  },
});

export function registerGet(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const publisher = await c.get("deps").services.publishers.get(callContext(c), c.req.valid("param"));
    return c.json(publisher, 200);
  });
}
