// Two scheduler processes on one Redis: the lease lets one tick at a time, and even without it the deterministic
// job ids leave exactly one pending crawl per source.
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BullMqJobQueue } from "../../../src/queue/bullmq/queue.ts";
import { type DueItem, Scheduler } from "../../../src/queue/scheduler.ts";
import { RedisSchedulerLock } from "../../../src/queue/scheduler-lock.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../support/redis.ts";

let redis: Redis;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await connectSharedRedis();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await redis.quit();
});

/** A store that always says every source is due: the worst case for double enqueueing. */
const alwaysDue = (ids: string[]) => async (now: Date) => ids.map((id): DueItem => ({ id, nextRunAt: now }));

function createProcess(prefix: string, lockKey: string | null) {
  const queue = new BullMqJobQueue({ url: sharedRedisUrl, prefix });
  const scheduler = new Scheduler({
    queue,
    listDue: alwaysDue(["s1", "s2", "s3"]),
    markScheduled: async () => {},
    intervalMs: 60_000,
    jitterMs: 1_000,
    ...(lockKey ? { lock: new RedisSchedulerLock(redis, lockKey) } : {}),
  });
  cleanups.push(async () => {
    await scheduler.stop();
    await queue.close();
  });
  return { queue, scheduler };
}

describe("scheduler on Redis", () => {
  it("lets only the lease holder tick while two schedulers share one lock key", async () => {
    const prefix = uniquePrefix("scheduler");
    cleanups.push(() => deleteKeys(redis, prefix));
    const a = createProcess(prefix, `${prefix}:lease`);
    const b = createProcess(prefix, `${prefix}:lease`);
    const [first, second] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect([first.skipped, second.skipped].sort()).toEqual([false, true]);
    const holder = first.skipped ? b : a;
    const other = first.skipped ? a : b;
    expect((await holder.scheduler.tick()).skipped).toBe(false);
    await holder.scheduler.stop();
    expect((await other.scheduler.tick()).skipped).toBe(false);
  });

  it("keeps one pending job per source when two schedulers without a lock tick at once", async () => {
    const prefix = uniquePrefix("scheduler");
    cleanups.push(() => deleteKeys(redis, prefix));
    const a = createProcess(prefix, null);
    const b = createProcess(prefix, null);
    const results = await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect((await a.queue.getQueueState("crawl-source")).waiting).toBe(3);
  });
});
