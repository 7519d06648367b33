// Real worker processes on a real Redis, sharing one SQLite file, harvesting a slow fake GitHub: one is killed
// with SIGKILL in the middle of a crawl, another takes over, and the harvest ends complete and consistent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { BullMqJobQueue } from "../../../src/queue/bullmq/queue.ts";
import type { OpenedQueue } from "../../../src/runtime/index.ts";
import { crawlTimingOf, createCrawlScheduler, openQueue, triggerCrawls } from "../../../src/runtime/index.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../support/redis.ts";
import {
  expectedFiles,
  type HarvestWorld,
  readHarvest,
  startHarvestWorld,
  token,
  tokenEnv,
} from "./support/harvest-world.ts";
import { startWorkerProcess, type WorkerProcess } from "./support/worker-process.ts";

const prefix = uniquePrefix("crash");
let world: HarvestWorld;
let opened: OpenedQueue;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  // 2 organisations × 60 repositories, 3 per page, 150 ms a request: each crawl takes seconds.
  world = await startHarvestWorld({ orgs: 2, reposPerOrg: 60, latencyMs: 150, pageSizeCap: 3 });
  opened = openQueue({ REDIS_URL: sharedRedisUrl, QUEUE_PREFIX: prefix }, { logger: silentLogger });
});

afterAll(async () => {
  for (const worker of workers) await worker.kill();
  await (opened?.queue as BullMqJobQueue | undefined)?.obliterate().catch(() => {});
  await opened?.close();
  const redis = await connectSharedRedis();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await world?.close();
});

const workerEnv = () => ({
  DATABASE_URL: world.databaseUrl,
  REDIS_URL: sharedRedisUrl,
  QUEUE_PREFIX: prefix,
  [tokenEnv]: token,
});

describe("worker crash during a crawl", () => {
  it("completes the harvest after a SIGKILL: every file once, no duplicate software, no partial write", async () => {
    const first = await startWorkerProcess(workerEnv());
    workers.push(first);
    const config = loadConfig({});
    const { scheduler } = createCrawlScheduler({
      queue: opened.queue,
      ctx: world.ctx,
      timing: crawlTimingOf(config),
      logger: silentLogger,
      prefix,
    });
    const triggered = await triggerCrawls(world.ctx, scheduler, { all: true });
    expect(triggered.jobs).toHaveLength(2);

    // Kill the worker once its first crawl has written some repositories but not all of them.
    await expect
      .poll(() => readHarvest(world.handle).repositories.length, { timeout: 60_000, interval: 50 })
      .toBeGreaterThanOrEqual(6);
    await first.kill();
    const atKill = readHarvest(world.handle);
    // Mid-crawl: the first organisation (60 repositories, one job at a time) is not finished.
    expect(atKill.repositories.length).toBeLessThan(60);
    // One transaction per repository: whatever the killed worker wrote is whole.
    expectEveryFileRecorded(atKill);

    workers.push(await startWorkerProcess(workerEnv()));
    // The killed job's lock expires (30 s) and BullMQ's stalled-job check hands it to the new worker.
    await expect
      .poll(async () => opened.queue.getQueueState("crawl-source"), { timeout: 150_000, interval: 500 })
      .toMatchObject({ completed: 2, active: 0, waiting: 0, delayed: 0, failed: 0 });

    const done = readHarvest(world.handle);
    const files = expectedFiles(world.world);
    expect(done.sources.every((s) => s.lastCrawledAt !== null && s.lastError === null)).toBe(true);
    // Every repository once (by forge id), every file found once with the world's blob sha.
    expect(done.repositories).toHaveLength(world.world.repositories.size);
    expect(new Set(done.repositories.map((r) => r.forgeRepoId)).size).toBe(done.repositories.length);
    for (const [fullPath, file] of files) {
      const rows = done.repositories.filter((r) => r.url.endsWith(`/${fullPath}`));
      expect(rows, fullPath).toHaveLength(1);
      expect(rows[0]!.blobSha, fullPath).toBe(file.sha);
    }
    // No duplicate software, and the crawl that ran again after the crash recorded no second version.
    const notForks = [...files.values()].filter((f) => !f.isFork).length;
    expect(done.software).toHaveLength(notForks);
    expect(new Set(done.software.map((s) => s.url)).size).toBe(notForks);
    expect(done.software.every((s) => s.versions === 1)).toBe(true);
    expect(done.orphanRepositoriesWithBlob).toBe(files.size - notForks);
    expectEveryFileRecorded(done);
    // The workers' forge clients spent the host budget kept in Redis under the queue prefix, not their own.
    const fakeHost = new URL(world.fake.enterpriseWebUrl).host;
    expect(await opened.budget.snapshot()).toContainEqual(
      expect.objectContaining({ key: `${fakeHost}#0`, limit: 1_000_000, remaining: expect.any(Number) }),
    );
  }, 240_000);
});

/** No partial write: the blob sha on each software's repository row is one of the software's recorded versions. */
function expectEveryFileRecorded(facts: ReturnType<typeof readHarvest>): void {
  for (const sw of facts.software) {
    expect(sw.repositoryBlobSha, sw.url).not.toBeNull();
    expect(sw.versionShas, sw.url).toContain(sw.repositoryBlobSha);
  }
  const withBlob = facts.repositories.filter((r) => r.blobSha !== null);
  const recorded = new Set(facts.software.flatMap((s) => s.versionShas));
  expect(withBlob.length - facts.orphanRepositoriesWithBlob).toBe(
    withBlob.filter((r) => recorded.has(r.blobSha!)).length,
  );
}
