import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { PublisherIdParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/publishers/{id}",
  tags: ["publishers"],
  summary: "Delete a publisher",
  operationId: "remove-publisher-publisherId",
  ...secured("publishers:write"),
  request: { params: PublisherIdParams },
  responses: {
    204: { description: "Deleted" },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    429: problems[429],
  },
});

export function registerDelete(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    await c.get("deps").services.publishers.remove(callContext(c), c.req.valid("param"));
    return c.body(null, 204);
  });
}
