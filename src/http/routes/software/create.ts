import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { SoftwareCreateSchema, SoftwareSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/software",
  tags: ["software"],
  summary: "Create a software",
  description: "The publiccode.yml is validated; an invalid file is refused with 422 and its errors.",
  operationId: "create-software",
  ...secured("software:write"),
  request: {
    body: { required: true, content: { "application/json": { schema: SoftwareCreateSchema } } },
  },
  responses: {
    // 200 rather than 201: the open-catalog-api documents 200 for every create.
    200: { description: "The created software", content: { "application/json": { schema: SoftwareSchema } } },
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
    const software = await c.get("deps").services.software.create(callContext(c), c.req.valid("json"));
    return c.json(software, 200);
  });
}
