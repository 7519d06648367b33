import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { SoftwareIdParams, SoftwareSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/software/{id}",
  tags: ["software"],
  summary: "Get a software",
  operationId: "show-software-softwareId",
  request: { params: SoftwareIdParams },
  responses: {
    200: { description: "The software", content: { "application/json": { schema: SoftwareSchema } } },
    404: problems[404],
    429: problems[429],
  },
});

export function registerGet(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const software = await c.get("deps").services.software.get(callContext(c), c.req.valid("param"));
    return c.json(software, 200);
  });
}
