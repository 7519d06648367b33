// Distributed harvest benchmark: one seeded synthetic world on the fake GitHub (50 ms a request), harvested from
// scratch four times — by the in-process queue (as `catalogue serve` does without REDIS_URL), then by 1, 2 and
// 4 `catalogue worker` processes sharing a BullMQ queue on Redis and one SQLite file. Prints wall time,
// requests per repository and the speed-up against the in-process run. Needs Redis on 127.0.0.1:6379.
//
//   node --import tsx bench/workers/run.ts [orgs=32] [reposPerOrg=50] [fileRatio=0.3] [concurrency=2] [pageSizeCap=0]
//
// pageSizeCap > 0 makes the fake answer at most that many repositories per GraphQL page, so a crawl waits on more
// round trips (latency-bound) instead of mostly validating files (CPU-bound, where two cores cap the speed-up).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/logger.ts";
import type { BullMqJobQueue } from "../../src/queue/bullmq/queue.ts";
import {
  crawlTimingOf,
  createCrawlScheduler,
  type OpenedQueue,
  openQueue,
  startWorkers,
  triggerCrawls,
} from "../../src/runtime/index.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { startWorkerProcess } from "../../test/integration/workers/support/worker-process.ts";
import { buildSyntheticWorld, startFakeGithub } from "../../test/support/fake-forge/github/index.ts";
import { countHarvest, createRunStore, type RunStore, token, tokenEnv, waitUntilCrawled } from "./setup.ts";

const [orgs = 32, reposPerOrg = 50, fileRatio = 0.3, concurrency = 2, pageSizeCap = 0] = process.argv
  .slice(2)
  .map(Number);
const redisUrl = "redis://127.0.0.1:6379";

interface Started {
  opened: OpenedQueue;
  stop(): Promise<void>;
}

interface Figures {
  name: string;
  ms: number;
  requests: number;
  repositories: number;
  software: number;
}

async function main() {
  const world = buildSyntheticWorld({ orgs, reposPerOrg, fileRatio, seed: 1 });
  const fake = await startFakeGithub({
    world,
    tokens: { [token]: { limit: 10_000_000 } },
    faults: { latencyMs: 50 },
    ...(pageSizeCap > 0 ? { pageSizeCap } : {}),
  });
  const logins = [...world.owners.values()].map((o) => o.login);
  console.log(
    `world: ${world.repositories.size} repositories in ${orgs} organisations; latency 50 ms; ${pageSizeCap > 0 ? `≤ ${pageSizeCap} repositories a page; ` : ""}concurrency ${concurrency} per process`,
  );

  const figures: Figures[] = [];
  const measure = async (name: string, start: (store: RunStore, prefix: string) => Promise<Started>) => {
    const store = await createRunStore(fake.enterpriseWebUrl, logins);
    const prefix = `bench-workers-${randomUUID()}`;
    const started = await start(store, prefix);
    try {
      fake.resetCounts();
      const t0 = performance.now();
      await trigger(store, started.opened);
      const { retriedErrors } = await waitUntilCrawled(store);
      const ms = performance.now() - t0;
      figures.push({ name, ms, requests: fake.counts.total, ...countHarvest(store) });
      const retried =
        retriedErrors.size > 0 ? `; crawls retried after: ${[...retriedErrors].join(", ")}` : "";
      console.log(`${name}: ${Math.round(ms)} ms${retried}`);
    } finally {
      // Also on failure: worker processes must not outlive the benchmark.
      await started.stop();
      store.close();
    }
  };

  // In-process: this process runs the queue and the processors, as `catalogue serve` does without REDIS_URL.
  await measure("in-process", async (store) => {
    const opened = openQueue({ REDIS_URL: undefined, QUEUE_PREFIX: "bench" }, { logger: silentLogger });
    const ctx = createServiceContext({ db: store.handle.db, actor: "harvester" });
    const secrets = { [tokenEnv]: token };
    startWorkers({ queue: opened.queue, ctx, budget: opened.budget, secrets, timing: timing(), concurrency });
    return { opened, stop: () => opened.close() };
  });
  // BullMQ: this process only enqueues; N `catalogue worker` processes share the jobs through Redis.
  for (const processes of [1, 2, 4]) {
    await measure(`bullmq ×${processes}`, async (store, prefix) => {
      const env = {
        DATABASE_URL: store.databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        [tokenEnv]: token,
        LOG_LEVEL: "error",
      };
      const args = ["--concurrency", String(concurrency)];
      const workers = await Promise.all(
        Array.from({ length: processes }, () => startWorkerProcess(env, args)),
      );
      const opened = openQueue({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix }, { logger: silentLogger });
      return {
        opened,
        async stop() {
          await Promise.all(workers.map((w) => w.stop()));
          await (opened.queue as BullMqJobQueue).obliterate();
          await opened.close();
          await sweep(prefix);
        },
      };
    });
  }
  await fake.close();
  printTable(figures);
}

function timing() {
  return crawlTimingOf(loadConfig({}));
}

async function trigger(store: RunStore, opened: OpenedQueue): Promise<void> {
  const { scheduler } = createCrawlScheduler({
    queue: opened.queue,
    ctx: store.ctx,
    timing: timing(),
    logger: silentLogger,
    prefix: "bench",
  });
  const result = await triggerCrawls(store.ctx, scheduler, { all: true });
  if (result.errors.length > 0) throw new Error(`trigger failed: ${result.errors[0]!.error}`);
}

async function sweep(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  redis.disconnect();
}

function printTable(figures: Figures[]): void {
  const base = figures[0]!;
  console.log(
    `\n${"run".padEnd(12)} ${"wall ms".padStart(9)} ${"repos".padStart(7)} ${"software".padStart(9)} ${"req/repo".padStart(9)} ${"speed-up".padStart(9)}`,
  );
  for (const f of figures) {
    console.log(
      `${f.name.padEnd(12)} ${Math.round(f.ms).toString().padStart(9)} ${String(f.repositories).padStart(7)} ${String(f.software).padStart(9)} ${(f.requests / f.repositories).toFixed(3).padStart(9)} ${`×${(base.ms / f.ms).toFixed(2)}`.padStart(9)}`,
    );
  }
}

await main();
