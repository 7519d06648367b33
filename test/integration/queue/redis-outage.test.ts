// Redis outages, on a private redis-server (never the shared one): enqueue fails fast with a clear error while
// Redis is down, and the same queue object (producer and worker) carries on by itself once Redis is back.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BullMqJobQueue } from "../../../src/queue/bullmq/queue.ts";
import { QueueUnavailableError } from "../../../src/queue/errors.ts";
import { createHostBudget } from "../../../src/queue/host-budget/create.ts";
import { type OwnRedisServer, startRedisServer } from "../../support/redis.ts";

const eventually = { timeout: 20_000, interval: 50 };
let server: OwnRedisServer | null = null;
let queue: BullMqJobQueue | null = null;

afterEach(async () => {
  await queue?.close();
  await server?.stop();
  queue = null;
  server = null;
});

describe("BullMQ queue during a Redis outage", () => {
  it("rejects enqueue with QueueUnavailableError while Redis is down and resumes work when it returns", async () => {
    server = await startRedisServer();
    queue = new BullMqJobQueue({ url: server.url, prefix: "outage", reconnectMaxMs: 200 });
    const done: string[] = [];
    queue.process("crawl-source", async (job) => {
      done.push(job.id);
    });
    await queue.enqueue("crawl-source", "crawl", {}, { jobId: "before" });
    await vi.waitFor(() => expect(done).toEqual(["before"]), eventually);

    await server.stop();
    const during = queue.enqueue("crawl-source", "crawl", {}, { jobId: "during" });
    await expect(during).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(during).rejects.toThrow(`Redis at 127.0.0.1:${server.port}`);
    await expect(queue.getQueueState("crawl-source")).rejects.toBeInstanceOf(QueueUnavailableError);

    await server.start();
    await vi.waitFor(() => queue!.enqueue("crawl-source", "crawl", {}, { jobId: "after" }), eventually);
    await vi.waitFor(() => expect(done).toEqual(["before", "after"]), eventually);
  });

  it("rejects enqueue with QueueUnavailableError when Redis was never reachable", async () => {
    server = await startRedisServer();
    const url = server.url;
    await server.stop();
    queue = new BullMqJobQueue({ url, prefix: "never", connectTimeoutMs: 300, reconnectMaxMs: 100 });
    await expect(queue.enqueue("sync-peer", "sync", {})).rejects.toThrow(QueueUnavailableError);
  });

  it("rejects a host-budget acquire while Redis is down instead of waiting for it, and serves it again after", async () => {
    server = await startRedisServer();
    const { budget, close } = createHostBudget({ REDIS_URL: server.url }, { prefix: "outage-budget" });
    try {
      await budget.acquire("api.github.com");
      await server.stop();
      await expect(budget.acquire("api.github.com")).rejects.toThrow();
      await server.start();
      await vi.waitFor(() => budget.acquire("api.github.com"), eventually);
    } finally {
      await close();
    }
  });
});
