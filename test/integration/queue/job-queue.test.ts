// One behavioural suite for both job-queue backends (in-process and BullMQ on the shared Redis).
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { PermanentJobError, QueueUnavailableError } from "../../../src/queue/errors.ts";
import type { Job } from "../../../src/queue/types.ts";
import { InvalidInputError } from "../../../src/services/errors.ts";
import { createBackends, createGate } from "./support/backends.ts";

const { backends, cleanup, dispose } = createBackends();
const fastRetry = { baseMs: 10, maxMs: 40, jitter: 0 };
const eventually = { timeout: 15_000, interval: 20 };

afterEach(cleanup);
afterAll(dispose);

describe.each(backends)("job queue ($name)", ({ create }) => {
  it("runs an enqueued job once with its id, name, data and attempt 1, and reports it completed", async () => {
    const { queue, events } = create();
    const seen: Job[] = [];
    queue.process("crawl-source", async (job) => {
      seen.push({ id: job.id, name: job.name, data: job.data, attempt: job.attempt });
    });
    const enqueued = await queue.enqueue(
      "crawl-source",
      "crawl",
      { sourceId: 7 },
      { jobId: "crawl-source:7" },
    );
    expect(enqueued).toEqual({ id: "crawl-source:7", name: "crawl", state: "waiting", created: true });
    await vi.waitFor(
      async () => expect((await queue.getQueueState("crawl-source")).completed).toBe(1),
      eventually,
    );
    expect(seen).toEqual([{ id: "crawl-source:7", name: "crawl", data: { sourceId: 7 }, attempt: 1 }]);
    expect(events).toMatchObject([
      { queue: "crawl-source", name: "crawl", jobId: "crawl-source:7", outcome: "completed" },
    ]);
  });

  it("returns the waiting job unchanged when the same jobId is enqueued again", async () => {
    const { queue } = create();
    await queue.enqueue("sync-peer", "first", { n: 1 }, { jobId: "sync-peer:it" });
    const again = await queue.enqueue("sync-peer", "second", { n: 2 }, { jobId: "sync-peer:it" });
    expect(again).toEqual({ id: "sync-peer:it", name: "first", state: "waiting", created: false });
    expect(await queue.getQueueState("sync-peer")).toMatchObject({ waiting: 1, delayed: 0, active: 0 });
  });

  it("returns the delayed job and its due time when the same jobId is enqueued again", async () => {
    const { queue } = create();
    const before = Date.now();
    await queue.enqueue("crawl-source", "crawl", {}, { jobId: "crawl-source:late", delayMs: 60_000 });
    const again = await queue.enqueue("crawl-source", "crawl", {}, { jobId: "crawl-source:late" });
    expect(again).toMatchObject({ state: "delayed", created: false });
    const state = await queue.getQueueState("crawl-source");
    expect(state).toMatchObject({ waiting: 0, delayed: 1 });
    expect(state.nextRunAt!.getTime()).toBeGreaterThanOrEqual(before + 60_000);
  });

  it("does not start a second run when the same jobId is enqueued while the job is active", async () => {
    const { queue } = create();
    const gate = createGate();
    let runs = 0;
    queue.process("refresh-repository", async () => {
      runs += 1;
      await gate.opened;
    });
    await queue.enqueue("refresh-repository", "refresh", {}, { jobId: "repo:1" });
    await vi.waitFor(
      async () => expect((await queue.getQueueState("refresh-repository")).active).toBe(1),
      eventually,
    );
    expect(await queue.enqueue("refresh-repository", "refresh", {}, { jobId: "repo:1" })).toMatchObject({
      state: "active",
      created: false,
    });
    gate.open();
    await vi.waitFor(
      async () => expect((await queue.getQueueState("refresh-repository")).completed).toBe(1),
      eventually,
    );
    expect(runs).toBe(1);
  });

  it("runs a job again when its id is enqueued after the previous run finished", async () => {
    const { queue } = create();
    const runs: unknown[] = [];
    queue.process("crawl-source", async (job) => {
      runs.push(job.data);
    });
    await queue.enqueue("crawl-source", "crawl", { run: 1 }, { jobId: "crawl-source:again" });
    await vi.waitFor(() => expect(runs).toHaveLength(1), eventually);
    await vi.waitFor(
      async () => expect((await queue.getQueueState("crawl-source")).completed).toBe(1),
      eventually,
    );
    const second = await queue.enqueue("crawl-source", "crawl", { run: 2 }, { jobId: "crawl-source:again" });
    expect(second.created).toBe(true);
    await vi.waitFor(() => expect(runs).toEqual([{ run: 1 }, { run: 2 }]), eventually);
  });

  it("retries a failing job with backoff until it succeeds, reporting each retry", async () => {
    const { queue, events } = create();
    const attempts: number[] = [];
    queue.process("deliver-webhook", async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error("ECONNRESET");
    });
    await queue.enqueue(
      "deliver-webhook",
      "deliver",
      {},
      { jobId: "hook:1", attempts: 5, backoff: fastRetry },
    );
    await vi.waitFor(
      async () => expect((await queue.getQueueState("deliver-webhook")).completed).toBe(1),
      eventually,
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(events.map((e) => [e.outcome, e.attempt, e.error])).toEqual([
      ["retried", 1, "ECONNRESET"],
      ["retried", 2, "ECONNRESET"],
      ["completed", 3, undefined],
    ]);
  });

  it("fails a job after its last attempt and keeps the last error, attempts and time", async () => {
    const { queue, events } = create();
    queue.process("deliver-webhook", async (job) => {
      throw new Error(`timeout on attempt ${job.attempt}`);
    });
    const before = Date.now();
    await queue.enqueue(
      "deliver-webhook",
      "deliver",
      {},
      { jobId: "hook:dead", attempts: 2, backoff: fastRetry },
    );
    await vi.waitFor(
      async () => expect((await queue.getQueueState("deliver-webhook")).failed).toBe(1),
      eventually,
    );
    const { failedJobs } = await queue.getQueueState("deliver-webhook");
    expect(failedJobs).toMatchObject([
      { id: "hook:dead", name: "deliver", error: "timeout on attempt 2", attempts: 2 },
    ]);
    expect(failedJobs[0]!.failedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(events.map((e) => e.outcome)).toEqual(["retried", "failed"]);
  });

  it.each([
    ["PermanentJobError", () => new PermanentJobError("publiccode.yml is invalid")],
    ["a domain error", () => new InvalidInputError("publiccode.yml is invalid")],
  ])("fails a job at once without retrying when it throws %s", async (_label, makeError) => {
    const { queue, events } = create();
    let runs = 0;
    queue.process("crawl-source", async () => {
      runs += 1;
      throw makeError();
    });
    await queue.enqueue(
      "crawl-source",
      "crawl",
      {},
      { jobId: "crawl-source:bad", attempts: 5, backoff: fastRetry },
    );
    await vi.waitFor(
      async () => expect((await queue.getQueueState("crawl-source")).failed).toBe(1),
      eventually,
    );
    const { failedJobs, delayed } = await queue.getQueueState("crawl-source");
    expect(failedJobs).toMatchObject([
      { id: "crawl-source:bad", error: "publiccode.yml is invalid", attempts: 1 },
    ]);
    expect({ runs, delayed, outcomes: events.map((e) => e.outcome) }).toEqual({
      runs: 1,
      delayed: 0,
      outcomes: ["failed"],
    });
  });

  it("runs up to `concurrency` jobs of a queue at once and no more", async () => {
    const { queue } = create();
    const gate = createGate();
    let running = 0;
    let peak = 0;
    queue.process(
      "refresh-repository",
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await gate.opened;
        running -= 1;
      },
      { concurrency: 2 },
    );
    for (const n of [1, 2, 3]) await queue.enqueue("refresh-repository", "refresh", { n });
    await vi.waitFor(() => expect(running).toBe(2), eventually);
    expect((await queue.getQueueState("refresh-repository")).waiting).toBe(1);
    gate.open();
    await vi.waitFor(
      async () => expect((await queue.getQueueState("refresh-repository")).completed).toBe(3),
      eventually,
    );
    expect(peak).toBe(2);
  });

  it("runs a delayed job once its delay has passed", async () => {
    const { queue } = create();
    const done: string[] = [];
    queue.process("sync-peer", async (job) => {
      done.push(job.id);
    });
    const enqueued = await queue.enqueue("sync-peer", "sync", {}, { jobId: "peer:soon", delayMs: 100 });
    expect(enqueued.state).toBe("delayed");
    await vi.waitFor(() => expect(done).toEqual(["peer:soon"]), eventually);
  });

  it("hands processors a JSON copy of the data, as a store would", async () => {
    const { queue } = create();
    const received: unknown[] = [];
    queue.process("sync-peer", async (job) => {
      received.push(job.data);
    });
    const data = { at: new Date("2026-01-02T03:04:05Z"), tags: ["a"] };
    await queue.enqueue("sync-peer", "sync", data);
    data.tags.push("changed later");
    await vi.waitFor(
      () => expect(received).toEqual([{ at: "2026-01-02T03:04:05.000Z", tags: ["a"] }]),
      eventually,
    );
  });

  it("aborts the signal of a running job when the queue closes", async () => {
    const { queue } = create();
    let aborted: unknown = null;
    let started = false;
    queue.process("crawl-source", (job) => {
      started = true;
      return new Promise((_resolve, reject) => {
        job.signal?.addEventListener("abort", () => {
          aborted = job.signal?.reason ?? true;
          reject(new Error("stopped"));
        });
      });
    });
    await queue.enqueue("crawl-source", "crawl", {});
    await vi.waitFor(() => expect(started).toBe(true), eventually);
    await queue.close();
    expect(aborted).not.toBeNull();
  });

  it("completes the job even when the metrics observer throws", async () => {
    const broken = {
      onJobFinished: () => {
        throw new Error("metrics down");
      },
    };
    const { queue, events } = create(broken);
    queue.process("sync-peer", async () => {});
    await queue.enqueue("sync-peer", "sync", {});
    await vi.waitFor(
      async () => expect((await queue.getQueueState("sync-peer")).completed).toBe(1),
      eventually,
    );
    expect(events.map((e) => e.outcome)).toEqual(["completed"]);
  });

  it("rejects a bare integer as jobId", async () => {
    const { queue } = create();
    await expect(queue.enqueue("crawl-source", "crawl", {}, { jobId: "42" })).rejects.toThrow(/bare integer/);
  });

  it("rejects enqueue and process once the queue is closed", async () => {
    const { queue } = create();
    await queue.close();
    await expect(queue.enqueue("sync-peer", "sync", {})).rejects.toThrow(QueueUnavailableError);
    expect(() => queue.process("sync-peer", async () => {})).toThrow(QueueUnavailableError);
  });

  it("refuses a second processor for the same queue", () => {
    const { queue } = create();
    queue.process("crawl-source", async () => {});
    expect(() => queue.process("crawl-source", async () => {})).toThrow(/already has a processor/);
  });
});
