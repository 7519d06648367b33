// POST /v1/admin/crawls: crawl a source, a publisher's sources or everything now (admin scope). Jobs carry the
// scheduler's ids (`crawl-source:<sourceId>`), so triggering a source whose crawl is pending adds nothing.
import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { ProblemSchema, problems, secured } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { CrawlTriggerResultSchema, CrawlTriggerSchema } from "./schemas.ts";
import { adminOf, orUnavailable } from "./unavailable.ts";

const route = createRoute({
  method: "post",
  path: "/admin/crawls",
  tags: ["admin"],
  summary: "Crawl a source, a publisher's sources or every source now",
  operationId: "trigger-crawls",
  ...secured("admin"),
  request: {
    body: { required: true, content: { "application/json": { schema: CrawlTriggerSchema } } },
  },
  responses: {
    202: {
      description: "The crawls are queued (or were already pending)",
      content: { "application/json": { schema: CrawlTriggerResultSchema } },
    },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
    429: problems[429],
    503: {
      description: "The job queue is unreachable (Redis down); nothing was queued; see Retry-After",
      content: { "application/problem+json": { schema: ProblemSchema } },
    },
  },
});

export function registerCrawls(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const target =
      body.sourceId !== undefined
        ? { sourceId: body.sourceId }
        : body.sourceUrl !== undefined
          ? { sourceUrl: body.sourceUrl }
          : body.publisherId !== undefined
            ? { publisherId: body.publisherId }
            : { all: true as const };
    const result = await orUnavailable(adminOf(c).triggerCrawls(callContext(c), target));
    return c.json(result, 202);
  });
}
