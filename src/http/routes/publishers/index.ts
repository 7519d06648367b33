import { createRouter } from "../../router.ts";
import { registerCreate } from "./create.ts";
import { registerDelete } from "./delete.ts";
import { registerGet } from "./get.ts";
import { registerList } from "./list.ts";
import { registerUpdate } from "./update.ts";

export function publishersRouter() {
  const router = createRouter();
  for (const register of [registerList, registerCreate, registerGet, registerUpdate, registerDelete]) {
    register(router);
  }
  return router;
}
