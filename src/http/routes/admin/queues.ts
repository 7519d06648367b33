// GET /v1/admin/queues: depths, failed jobs with their errors and the next runs. A public read like every other
// GET of this API: it shows the harvest's own state (sources are public, errors are forge answers), and
// operators and publishers alike use it to see why a crawl failed. Rate-limited as any anonymous read.
import { createRoute } from "@hono/zod-openapi";
import { callContext } from "../../call-context.ts";
import { ProblemSchema, problems } from "../../openapi.ts";
import type { createRouter } from "../../router.ts";
import { QueuesSchema } from "./schemas.ts";
import { adminOf, orUnavailable } from "./unavailable.ts";

const route = createRoute({
  method: "get",
  path: "/admin/queues",
  tags: ["admin"],
  summary: "Show the job queues: waiting, active, delayed, failed jobs with errors, next runs",
  operationId: "show-queues",
  responses: {
    200: { description: "Every named queue", content: { "application/json": { schema: QueuesSchema } } },
    429: problems[429],
    503: {
      description: "The job queue is unreachable (Redis down) or not run by this server; see Retry-After",
      content: { "application/problem+json": { schema: ProblemSchema } },
    },
  },
});

export function registerQueues(router: ReturnType<typeof createRouter>) {
  router.openapi(route, async (c) => {
    const view = await orUnavailable(adminOf(c).queues(callContext(c)));
    return c.json(view, 200);
  });
}
