import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { BullMqJobQueue } from "../../../src/queue/bullmq/queue.ts";
import { createQueue } from "../../../src/queue/create-queue.ts";
import { InProcessJobQueue } from "../../../src/queue/in-process/queue.ts";
import type { JobQueue } from "../../../src/queue/types.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../support/redis.ts";

const opened: JobQueue[] = [];
afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.close();
});

describe("createQueue", () => {
  it("returns the in-process queue when REDIS_URL is unset", () => {
    const queue = createQueue(loadConfig({}));
    opened.push(queue);
    expect(queue).toBeInstanceOf(InProcessJobQueue);
  });

  it("returns a BullMQ queue on that Redis when REDIS_URL is set", async () => {
    const prefix = uniquePrefix("create-queue");
    const queue = createQueue(loadConfig({ REDIS_URL: sharedRedisUrl }), { prefix });
    opened.push(queue);
    expect(queue).toBeInstanceOf(BullMqJobQueue);
    await queue.enqueue("sync-peer", "sync", {}, { jobId: "peer:x" });
    const redis = await connectSharedRedis();
    try {
      expect(await redis.exists(`${prefix}:sync-peer:peer%3Ax`)).toBe(1);
    } finally {
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
  });
});
