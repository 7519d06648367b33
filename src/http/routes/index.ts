// Mounts every /v1 resource router on the app.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import { adminRouter } from "./admin/index.ts";
import { catalogsRouter } from "./catalogs/index.ts";
import { federationRouter } from "./federation/index.ts";
import { logsRouter } from "./logs/index.ts";
import { peersRouter } from "./peers/index.ts";
import { publishersRouter } from "./publishers/index.ts";
import { searchRouter } from "./search/index.ts";
import { softwareRouter } from "./software/index.ts";
import { statusRouter } from "./status/index.ts";

export function mountV1(app: OpenAPIHono<AppEnv>): void {
  app.route("/v1", statusRouter());
  app.route("/v1", softwareRouter());
  app.route("/v1", publishersRouter());
  app.route("/v1", logsRouter());
  app.route("/v1", catalogsRouter());
  app.route("/v1", searchRouter());
  app.route("/v1", adminRouter());
  app.route("/v1", peersRouter());
  app.route("/", federationRouter());
}
