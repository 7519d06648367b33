// A 30-second Redis outage under a running API, scheduler and worker process. The API keeps serving what does
// not need the queue; the queue fails fast (503 on triggers, queue_up 0 in /metrics); crawls that fall due
// meanwhile are not queued anywhere but stay due, and the scheduler's first tick after the outage queues them;
// the worker process reconnects by itself and runs them.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { createApp } from "../../../src/http/app.ts";
import { createPrometheusRegistry } from "../../../src/http/metrics/registry.ts";
import { createStoreServices } from "../../../src/http/store/index.ts";
import { silentLogger } from "../../../src/logger.ts";
import { type Runtime, startRuntime, withQueueMetrics } from "../../../src/runtime/index.ts";
import { listSources } from "../../../src/services/sources/index.ts";
import { type OwnRedisServer, startRedisServer, uniquePrefix } from "../../support/redis.ts";
import { type HarvestWorld, startHarvestWorld, token, tokenEnv } from "./support/harvest-world.ts";
import { startWorkerProcess, type WorkerProcess } from "./support/worker-process.ts";

const outageMs = 30_000;
const prefix = uniquePrefix("outage");
let redis: OwnRedisServer;
let world: HarvestWorld;
let worker: WorkerProcess;
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
const admin = { id: "operator", scopes: ["admin"] };

beforeAll(async () => {
  redis = await startRedisServer();
  world = await startHarvestWorld({ orgs: 2, reposPerOrg: 5, latencyMs: 0 });
  const config = loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SCHEDULER_ENABLED: "false" });
  // What `catalogue serve` runs with REDIS_URL: API + scheduler + queue, no workers (a worker process runs jobs).
  runtime = startRuntime({ config, db: world.handle.db, logger: silentLogger, secrets: {} });
  app = createApp({
    services: createStoreServices({ db: world.handle.db, clock: world.ctx.clock }),
    verifyToken: (secret) => (secret === "operator-secret" ? admin : null),
    logger: silentLogger,
    clock: world.ctx.clock,
    metrics: withQueueMetrics(createPrometheusRegistry(), runtime.metrics),
    admin: runtime.admin,
    rateLimit: false,
  });
  worker = await startWorkerProcess({
    DATABASE_URL: world.databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    [tokenEnv]: token,
  });
});

afterAll(async () => {
  await worker?.kill();
  await runtime?.close();
  await redis?.stop();
  await world?.close();
});

const auth = { authorization: "Bearer operator-secret", "content-type": "application/json" };
const post = (path: string, body: unknown) =>
  app.request(path, { method: "POST", headers: auth, body: JSON.stringify(body) });
const crawledAt = async (sourceId: string) =>
  (await listSources({ ctx: world.ctx, input: {} })).find((s) => s.id === sourceId)?.lastCrawledAt ?? null;

describe("Redis outage of 30 seconds", () => {
  it("keeps the API up, answers 503 to triggers meanwhile, and queues the crawls that fell due at the scheduler's first tick after", async () => {
    const [before, during] = world.sourceIds as [string, string];
    expect((await post("/v1/admin/crawls", { sourceId: before })).status).toBe(202);
    await expect.poll(() => crawledAt(before), { timeout: 30_000 }).not.toBeNull();

    const outageStarted = Date.now();
    await redis.stop();

    // Reads and writes that do not need the queue still work.
    expect((await app.request("/v1/publishers")).status).toBe(200);
    const created = await post("/v1/publishers", {
      description: "Written during the outage",
      codeHosting: [{ url: `https://forge.example.invalid/${prefix}` }],
    });
    expect(created.status).toBe(200);
    // The queue fails fast: a trigger is refused with 503 problem+json, nothing is buffered.
    const refused = await post("/v1/admin/crawls", { sourceId: during });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("30");
    expect((await app.request("/v1/admin/queues")).status).toBe(503);
    const metrics = await (await app.request("/metrics")).text();
    expect(metrics).toContain('catalogue_queue_up{queue="crawl-source"} 0');
    // A scheduler tick during the outage queues nothing; the due source stays due for the next tick.
    await expect(runtime.scheduler.tick()).rejects.toThrow();
    const due = await listSources({ ctx: world.ctx, input: { dueAt: new Date() } });
    expect(due.map((s) => s.id)).toContain(during);

    await sleep(Math.max(0, outageMs - (Date.now() - outageStarted)));
    await redis.start();

    // No operator action: the scheduler's next tick (retried here as its loop would) queues the due source,
    // and the worker process, which lived through the outage, runs it.
    await expect
      .poll(
        async () => (await runtime.scheduler.tick().catch(() => null))?.scheduled.map((s) => s.id) ?? [],
        {
          timeout: 30_000,
          interval: 500,
        },
      )
      .toContain(during);
    await expect.poll(() => crawledAt(during), { timeout: 60_000, interval: 250 }).not.toBeNull();
    expect(worker.child.exitCode).toBeNull();
    // Every queue's connection (crawl-source and sync-peer) reconnects on its own backoff; the queue state
    // comes back without a restart once the last of them is up.
    await expect
      .poll(async () => (await app.request("/v1/admin/queues")).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
  }, 150_000);
});
