import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { PublisherIdParams, PublisherMergePatchSchema, PublisherSchema } from "./schemas.ts";

const route = createRoute({
  method: "patch",
  path: "/publishers/{id}",
  tags: ["publishers"],
  summary: "Update a publisher (JSON merge-patch)",
  operationId: "update-publisher-publisherId",
  ...secured("publishers:write"),
  request: {
    params: PublisherIdParams,
    body: {
      required: true,
      content: { "application/merge-patch+json": { schema: PublisherMergePatchSchema } },
    },
  },
  responses: {
    200: {
      description: "The updated publisher",
      content: { "application/json": { schema: PublisherSchema } },
    },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    404: problems[404],
    409: problems[409],
    413: problems[413],
    415: problems[415],
    422: problems[422],
    429: problems[429],
  },
});

export function registerUpdate(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const publisher = await c.get("deps").services.publishers.mergePatch(callContext(c), { id, patch });
    return c.json(publisher, 200);
  });
}
