// /v1/admin: the job queues' state and the operator's crawl trigger.
import { createRouter } from "../../router.ts";
import { registerCrawls } from "./crawls.ts";
import { registerQueues } from "./queues.ts";

export type { AdminServices } from "./port.ts";

export function adminRouter() {
  const router = createRouter();
  registerQueues(router);
  registerCrawls(router);
  return router;
}
