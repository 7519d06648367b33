// GET /v1/status: 204 when the API is up, as the open-catalog-api specifies (no body to validate).
import { createRoute } from "@hono/zod-openapi";
import { problems } from "../../openapi.ts";
import { createRouter } from "../../router.ts";

const route = createRoute({
  method: "get",
  path: "/status",
  tags: ["monitor"],
  summary: "Get the API status",
  operationId: "show-status",
  responses: { 204: { description: "The API is up" }, 429: problems[429] },
});

export function statusRouter() {
  return createRouter().openapi(route, (c) => c.body(null, 204));
}
