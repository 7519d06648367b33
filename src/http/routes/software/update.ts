// PATCH /v1/software/{id}: the Content-Type picks the patch format, application/merge-patch+json (RFC 7396)
// or application/json-patch+json (RFC 6902). Registered by hand: @hono/zod-openapi would validate the body
// against both media types' schemas at once, since both are JSON.
import { createRoute } from "@hono/zod-openapi";
import { callContext, readJsonBody } from "../../call-context.ts";
import { ApiError } from "../../errors.ts";
import { problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { JsonPatchSchema, SoftwareIdParams, SoftwareMergePatchSchema, SoftwareSchema } from "./schemas.ts";

const { middleware, ...security } = secured("software:write");
const [requireWriteScope] = middleware;

const route = createRoute({
  method: "patch",
  path: "/software/{id}",
  tags: ["software"],
  summary: "Update a software",
  operationId: "update-software-softwareId",
  ...security,
  request: {
    params: SoftwareIdParams,
    body: {
      required: true,
      content: {
        "application/merge-patch+json": { schema: SoftwareMergePatchSchema },
        "application/json-patch+json": { schema: JsonPatchSchema },
      },
    },
  },
  responses: {
    200: { description: "The updated software", content: { "application/json": { schema: SoftwareSchema } } },
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
  router.openAPIRegistry.registerPath(route);
  router.patch("/software/:id", requireWriteScope!, async (c) => {
    const id = SoftwareIdParams.parse(c.req.param()).id;
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const { services } = c.get("deps");
    if (mediaType === "application/merge-patch+json") {
      const patch = await readJsonBody(c, SoftwareMergePatchSchema);
      return c.json(await services.software.mergePatch(callContext(c), { id, patch }), 200);
    }
    if (mediaType === "application/json-patch+json") {
      const operations = await readJsonBody(c, JsonPatchSchema);
      return c.json(await services.software.jsonPatch(callContext(c), { id, operations }), 200);
    }
    throw new ApiError(415, "Use application/merge-patch+json or application/json-patch+json.");
  });
}
