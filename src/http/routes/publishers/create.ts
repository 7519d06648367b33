import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { PublisherCreateSchema, PublisherSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/publishers",
  tags: ["publishers"],
  summary: "Create a publisher",
  operationId: "create-publisher",
  ...secured("publishers:write"),
  request: {
    body: { required: true, content: { "application/json": { schema: PublisherCreateSchema } } },
  },
  responses: {
    200: {
      description: "The created publisher",
      content: { "application/json": { schema: PublisherSchema } },
    },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    409: problems[409],
    413: problems[413],
    422: problems[422],
    429: problems[429],
  },
});

export function registerCreate(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const publisher = await c.get("deps").services.publishers.create(callContext(c), c.req.valid("json"));
    return c.json(publisher, 200);
  });
}
