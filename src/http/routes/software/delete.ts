import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { SoftwareIdParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/software/{id}",
  tags: ["software"],
  summary: "Delete a software",
  description: "The software is withdrawn: it leaves lists and the feed carries a tombstone.",
  operationId: "remove-software-softwareId",
  ...secured("software:write"),
  request: { params: SoftwareIdParams },
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
    await c.get("deps").services.software.remove(callContext(c), c.req.valid("param"));
    return c.body(null, 204);
  });
}
