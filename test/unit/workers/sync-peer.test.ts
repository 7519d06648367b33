import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { createQueue } from "../../../src/queue/create-queue.ts";
import { PermanentJobError } from "../../../src/queue/errors.ts";
import { createHostBudget } from "../../../src/queue/host-budget/create.ts";
import type { JobQueue } from "../../../src/queue/types.ts";
import { createPeerSyncScheduler, startWorkers } from "../../../src/runtime/index.ts";
import { createSyncPeerProcessor } from "../../../workers/sync-peer.ts";
import { startCatalogue, startFakePeer } from "../federation-service/support.ts";

const job = (peerId: string) => ({ id: `sync-${peerId}`, name: "sync-peer", data: { peerId }, attempt: 1 });

describe("the sync-peer job", () => {
  it("returns the sync result when the peer synced", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    await a.createSoftware();
    const peerId = await b.follow(a);
    const process = createSyncPeerProcessor({ ctx: b.ctx, sync: { settings: b.settings } });
    expect(await process(job(peerId))).toMatchObject({ ok: true, applied: 1 });
  });

  it("fails for good on an unknown peer, and retryably when the peer is down", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const peerId = await b.follow(a);
    const process = createSyncPeerProcessor({ ctx: b.ctx, sync: { settings: b.settings } });
    await expect(process(job("nobody.test"))).rejects.toBeInstanceOf(PermanentJobError);
    // Same peer row, now pointing at a server that only answers 503.
    const down = await startFakePeer(() => ({ status: 503, body: "{}" }));
    b.handle.sqlite.prepare("update peer set base_url = ? where id = ?").run(down.url, peerId);
    const failure = await process(job(peerId)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
  });
});

const queues: JobQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
});

/** An in-process queue that records what is enqueued and processes nothing. */
function openQueue(): JobQueue {
  const queue = createQueue(loadConfig({}));
  queues.push(queue);
  return queue;
}

describe("the peer-sync scheduler", () => {
  it("enqueues each due peer once, as sync-peer:<peerId> with its id as data", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const peerId = await b.follow(a);
    const queue = openQueue();
    const enqueued: unknown[] = [];
    const spy: JobQueue = {
      enqueue: (q, name, data, options) => {
        enqueued.push({ q, name, data, jobId: options?.jobId, attempts: options?.attempts });
        return queue.enqueue(q, name, data, options);
      },
      process: (q, processor, options) => queue.process(q, processor, options),
      getQueueState: (q) => queue.getQueueState(q),
      close: () => queue.close(),
    };
    const { scheduler, close } = createPeerSyncScheduler({
      queue: spy,
      ctx: b.ctx,
      tickMs: 60_000,
      logger: b.ctx.logger,
      prefix: "t",
      clock: b.clock,
    });
    const first = await scheduler.tick();
    const second = await scheduler.tick();
    await close();
    expect(first.scheduled).toMatchObject([{ id: peerId, jobId: `sync-peer:${peerId}`, created: true }]);
    // Still pending: the same job covers this tick, so a peer never has two syncs queued.
    expect(second.scheduled).toMatchObject([{ id: peerId, created: false }]);
    expect(enqueued[0]).toEqual({
      q: "sync-peer",
      name: "sync-peer",
      data: { peerId },
      jobId: `sync-peer:${peerId}`,
      attempts: 1,
    });
  });

  it("leaves a failing peer alone until its backoff expires, and every peer while not ready", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const peerId = await b.follow(a);
    const later = b.clock.now().getTime() + 60_000;
    b.handle.sqlite.prepare("update peer set next_attempt_at = ? where id = ?").run(later, peerId);
    const options = {
      queue: openQueue(),
      ctx: b.ctx,
      tickMs: 60_000,
      logger: b.ctx.logger,
      prefix: "t",
      clock: b.clock,
    };
    const backingOff = createPeerSyncScheduler(options);
    expect((await backingOff.scheduler.tick()).scheduled).toEqual([]);
    b.handle.sqlite.prepare("update peer set next_attempt_at = null where id = ?").run(peerId);
    const notReady = createPeerSyncScheduler({ ...options, ready: () => false });
    expect((await notReady.scheduler.tick()).scheduled).toEqual([]);
    await backingOff.close();
    await notReady.close();
  });
});

describe("startWorkers", () => {
  it("processes sync-peer only when given the federation settings", async () => {
    const b = await startCatalogue("b.test");
    const base = {
      ctx: b.ctx,
      budget: createHostBudget(loadConfig({})).budget,
      secrets: {},
      timing: { intervalMs: 1000, jitterMs: 0, tickMs: 1000 },
    };
    expect(startWorkers({ ...base, queue: openQueue() })).toEqual(["crawl-source"]);
    expect(startWorkers({ ...base, queue: openQueue(), federation: () => b.settings })).toEqual([
      "crawl-source",
      "sync-peer",
    ]);
  });
});
