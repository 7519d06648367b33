// Times GET /v1/search through the whole app in-process (app.request, no sockets) on the bench database.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../src/db/index.ts";
import { createApp } from "../../src/http/app.ts";
import { noopMetrics } from "../../src/http/metrics/registry.ts";
import { createStoreServices } from "../../src/http/store/index.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { silentLogger } from "../../src/logger.ts";

const count = Number(process.argv[2] ?? 100_000);
const path = process.argv[3] ?? "/v1/search?q=gestione%20protocollo&platform=web&developmentStatus=stable";
const handle = createDb(join(tmpdir(), `catalogue-bench-${count}.sqlite`));
const app = createApp({
  services: createStoreServices({ db: handle.db, clock: systemClock }),
  verifyToken: () => null,
  logger: silentLogger,
  clock: systemClock,
  metrics: noopMetrics,
  rateLimit: false,
});
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  const t0 = performance.now();
  const res = await app.request(path);
  await res.text();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`${path}: p50=${times[150]!.toFixed(2)}ms p99=${times[297]!.toFixed(2)}ms`);
handle.close();
