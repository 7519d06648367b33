import { createRouter } from "../../router.ts";
import { registerCreate } from "./create.ts";
import { registerDelete } from "./delete.ts";
import { registerGet } from "./get.ts";
import { registerHarvestStatus } from "./harvest-status.ts";
import { registerList } from "./list.ts";
import { registerLogs } from "./logs.ts";
import { registerUpdate } from "./update.ts";

export function softwareRouter() {
  const router = createRouter();
  for (const register of [
    registerList,
    registerCreate,
    registerGet,
    registerUpdate,
    registerDelete,
    registerLogs,
    registerHarvestStatus,
  ]) {
    register(router);
  }
  return router;
}
