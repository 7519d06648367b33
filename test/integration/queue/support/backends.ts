// The backend factory the behavioural queue suite runs over: every test gets a fresh queue, and for BullMQ a
// fresh key prefix on the shared Redis, deleted (obliterate + key sweep) and disconnected after the test.
import type { Redis } from "ioredis";
import { BullMqJobQueue } from "../../../../src/queue/bullmq/queue.ts";
import { InProcessJobQueue } from "../../../../src/queue/in-process/queue.ts";
import type { JobFinishedEvent, JobObserver, JobQueue } from "../../../../src/queue/types.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../../support/redis.ts";

export interface QueueUnderTest {
  queue: JobQueue;
  events: JobFinishedEvent[];
}

type Cleanup = () => Promise<void>;

export function createBackends() {
  const cleanups: Cleanup[] = [];
  let cleaner: Redis | null = null;
  // Records every event, then calls the extra observers unguarded: a throwing one reaches the queue itself.
  const observe = (events: JobFinishedEvent[], extra: JobObserver[]): JobObserver => ({
    onJobFinished(e) {
      events.push(e);
      for (const observer of extra) observer.onJobFinished(e);
    },
  });

  const backends = [
    {
      name: "in-process",
      create(...extra: JobObserver[]): QueueUnderTest {
        const events: JobFinishedEvent[] = [];
        const queue = new InProcessJobQueue({ observer: observe(events, extra) });
        cleanups.push(() => queue.close());
        return { queue, events };
      },
    },
    {
      name: "bullmq",
      create(...extra: JobObserver[]): QueueUnderTest {
        const events: JobFinishedEvent[] = [];
        const prefix = uniquePrefix("queue");
        const queue = new BullMqJobQueue({ url: sharedRedisUrl, prefix, observer: observe(events, extra) });
        cleanups.push(async () => {
          await queue.obliterate().catch(() => {});
          await queue.close();
          cleaner ??= await connectSharedRedis();
          await deleteKeys(cleaner, prefix);
        });
        return { queue, events };
      },
    },
  ];

  return {
    backends,
    async cleanup() {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
    async dispose() {
      await cleaner?.quit();
      cleaner = null;
    },
  };
}

/** A promise a test opens when it chooses: holds a job active while the test looks at the queue. */
export function createGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
