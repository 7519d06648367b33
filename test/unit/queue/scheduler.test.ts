import { afterEach, describe, expect, it, vi } from "vitest";
import { fixedClock } from "../../../src/lib/clock.ts";
import { InProcessJobQueue } from "../../../src/queue/in-process/queue.ts";
import { computeNextRunAt, Scheduler, type SchedulerOptions } from "../../../src/queue/scheduler.ts";

const minute = 60_000;
const hour = 60 * minute;
const queues: InProcessJobQueue[] = [];
const schedulers: Scheduler[] = [];

/** The sources table as the scheduler sees it: id → next run. */
function createStore(entries: Record<string, string>) {
  const nextRuns = new Map(Object.entries(entries).map(([id, at]) => [id, new Date(at)]));
  return {
    nextRuns,
    listDue: vi.fn(async (now: Date) =>
      [...nextRuns].filter(([, at]) => at <= now).map(([id, nextRunAt]) => ({ id, nextRunAt })),
    ),
    markScheduled: vi.fn(async (id: string, at: Date) => {
      nextRuns.set(id, at);
    }),
  };
}

function setup(store: ReturnType<typeof createStore>, overrides: Partial<SchedulerOptions> = {}) {
  const clock = fixedClock("2026-03-01T12:00:00Z");
  const queue = new InProcessJobQueue({ clock });
  const scheduler = new Scheduler({
    queue,
    listDue: store.listDue,
    markScheduled: store.markScheduled,
    intervalMs: 6 * hour,
    jitterMs: 30 * minute,
    clock,
    random: () => 0.5,
    ...overrides,
  });
  queues.push(queue);
  schedulers.push(scheduler);
  return { clock, queue, scheduler };
}

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const q of queues.splice(0)) await q.close();
});

describe("Scheduler", () => {
  it("enqueues each due source under a deterministic id and schedules its next run one interval later", async () => {
    const store = createStore({
      a: "2026-03-01T11:00:00Z",
      b: "2026-03-01T12:00:00Z",
      later: "2026-03-01T13:00:00Z",
    });
    const { queue, scheduler } = setup(store);
    const result = await scheduler.tick();
    expect(result.scheduled.map((s) => [s.jobId, s.created])).toEqual([
      ["crawl-source:a", true],
      ["crawl-source:b", true],
    ]);
    expect(store.nextRuns.get("a")).toEqual(new Date("2026-03-01T18:00:00Z"));
    expect(store.nextRuns.get("later")).toEqual(new Date("2026-03-01T13:00:00Z"));
    expect((await queue.getQueueState("crawl-source")).waiting).toBe(2);
  });

  it("never creates a second job for a source whose previous crawl is still pending", async () => {
    const store = createStore({ a: "2026-03-01T11:00:00Z" });
    const { clock, queue, scheduler } = setup(store);
    await scheduler.tick();
    clock.advance(7 * hour);
    const second = await scheduler.tick();
    expect(second.scheduled).toMatchObject([{ id: "a", created: false }]);
    expect((await queue.getQueueState("crawl-source")).waiting).toBe(1);
  });

  it("spreads next runs across interval ± jitter with the injected randomness", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(computeNextRunAt(now, 6 * hour, 30 * minute, () => 0)).toEqual(new Date("2026-03-01T05:30:00Z"));
    expect(computeNextRunAt(now, 6 * hour, 30 * minute, () => 0.75)).toEqual(
      new Date("2026-03-01T06:15:00Z"),
    );
  });

  it("triggerNow enqueues sources that are not due and restarts their interval", async () => {
    const store = createStore({ a: "2026-03-02T00:00:00Z" });
    const { queue, scheduler } = setup(store, { random: () => 0 });
    const result = await scheduler.triggerNow(["a"]);
    expect(result).toEqual({
      scheduled: [
        { id: "a", jobId: "crawl-source:a", created: true, nextRunAt: new Date("2026-03-01T17:30:00Z") },
      ],
      errors: [],
    });
    expect((await queue.getQueueState("crawl-source")).waiting).toBe(1);
  });

  it("leaves a source due and reports the error when its enqueue fails", async () => {
    const store = createStore({ a: "2026-03-01T11:00:00Z" });
    const { queue, scheduler } = setup(store);
    await queue.close();
    const result = await scheduler.tick();
    expect(result.errors).toEqual([{ id: "a", error: "the job queue is closed" }]);
    expect(store.markScheduled).not.toHaveBeenCalled();
  });

  it("skips the tick when another process holds the scheduler lease", async () => {
    const store = createStore({ a: "2026-03-01T11:00:00Z" });
    const lock = { tryAcquire: vi.fn(async () => false), release: vi.fn(async () => {}) };
    const { scheduler } = setup(store, { lock });
    expect(await scheduler.tick()).toEqual({ skipped: true, scheduled: [], errors: [] });
    expect(store.listDue).not.toHaveBeenCalled();
  });

  it("ticks repeatedly once started and not at all after stop resolves", async () => {
    const store = createStore({});
    const { scheduler } = setup(store, { tickMs: 5 });
    scheduler.start();
    await vi.waitFor(() => expect(store.listDue.mock.calls.length).toBeGreaterThanOrEqual(3), {
      timeout: 5_000,
    });
    await scheduler.stop();
    const calls = store.listDue.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.listDue.mock.calls.length).toBe(calls);
  });

  it("rejects a jitter as large as the interval", () => {
    const store = createStore({});
    expect(() => setup(store, { intervalMs: hour, jitterMs: hour })).toThrow(RangeError);
  });
});
