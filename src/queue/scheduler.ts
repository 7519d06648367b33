// Re-crawls every source on an interval. The store (owned elsewhere) says which sources are due and remembers
// when each runs next; this module turns due sources into jobs with deterministic ids (`crawl-source:<id>`), so
// a source never has two pending crawls, and spreads the next runs with jitter so sources added together do not
// stay in lockstep.
import { type Clock, systemClock } from "../lib/clock.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { describeError } from "./errors.ts";
import { openSchedulerLock, type SchedulerLock } from "./scheduler-lock.ts";
import type { JobQueue, QueueName } from "./types.ts";

export interface DueItem {
  id: string;
  nextRunAt: Date;
}

export interface SchedulerOptions {
  queue: JobQueue;
  /** Items whose next run is at or before `now`. */
  listDue: (now: Date) => Promise<DueItem[]>;
  /** Persists the next run of an item that was just enqueued. */
  markScheduled: (id: string, nextRunAt: Date) => Promise<void>;
  intervalMs: number;
  /** Each next run lands uniformly within interval ± jitterMs. */
  jitterMs: number;
  /** How often the timer loop asks for due items. */
  tickMs?: number;
  queueName?: QueueName;
  jobName?: string;
  /** The job's data for an item; default `{ sourceId: id }` (crawl-source). */
  jobData?: (id: string) => unknown;
  /** Attempts and backoff of the enqueued jobs; default: the queue's retry policy. */
  attempts?: number;
  clock?: Clock;
  random?: () => number;
  lock?: SchedulerLock;
  logger?: Logger;
}

export interface ScheduledItem {
  id: string;
  jobId: string;
  /** False when a job for the item was already pending (that job covers this run). */
  created: boolean;
  nextRunAt: Date;
}

export interface TickResult {
  /** True when another process holds the scheduler lease and this tick did nothing. */
  skipped: boolean;
  scheduled: ScheduledItem[];
  errors: { id: string; error: string }[];
}

export function computeNextRunAt(
  now: Date,
  intervalMs: number,
  jitterMs: number,
  random: () => number,
): Date {
  return new Date(now.getTime() + intervalMs + Math.round(jitterMs * (2 * random() - 1)));
}

export class Scheduler {
  readonly #o: Required<Omit<SchedulerOptions, "queueName" | "jobName" | "jobData" | "attempts">> & {
    queueName: QueueName;
    jobName: string;
    jobData: (id: string) => unknown;
    attempts?: number;
  };
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = true;

  constructor(options: SchedulerOptions) {
    if (options.jitterMs < 0 || options.jitterMs >= options.intervalMs) {
      throw new RangeError("jitterMs must be ≥ 0 and smaller than intervalMs");
    }
    this.#o = {
      tickMs: 60_000,
      queueName: "crawl-source",
      jobName: "crawl-source",
      jobData: (id: string) => ({ sourceId: id }),
      clock: systemClock,
      random: Math.random,
      lock: openSchedulerLock,
      logger: silentLogger,
      ...options,
    };
  }

  jobIdFor(id: string): string {
    return `${this.#o.queueName}:${id}`;
  }

  /** Enqueues every due item (one tick of the loop); callable directly. */
  async tick(): Promise<TickResult> {
    // The lease outlives the tick by one period, so the holder stays the holder from tick to tick.
    if (!(await this.#o.lock.tryAcquire(this.#o.tickMs * 2)))
      return { skipped: true, scheduled: [], errors: [] };
    const now = this.#o.clock.now();
    const due = (await this.#o.listDue(now)).filter((item) => item.nextRunAt.getTime() <= now.getTime());
    return { skipped: false, ...(await this.#enqueue(due.map((item) => item.id))) };
  }

  /** Operator action: crawl these items now, whatever their schedule, and restart their interval. */
  async triggerNow(ids: string[]): Promise<Omit<TickResult, "skipped">> {
    return this.#enqueue(ids);
  }

  /** Runs tick() every tickMs until stop(); a failing tick is logged and the loop goes on. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const loop = () => {
      this.#running = this.tick()
        .then((result) => {
          for (const e of result.errors)
            this.#o.logger.warn({ sourceId: e.id, err: e.error }, "enqueue failed");
        })
        .catch((error) => this.#o.logger.error({ err: error }, "scheduler tick failed"))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(loop, this.#o.tickMs);
        });
    };
    loop();
  }

  /** Stops the loop, waits for a tick in flight and gives up the lease. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.#o.lock.release();
  }

  async #enqueue(ids: string[]): Promise<Omit<TickResult, "skipped">> {
    const { queue, queueName, jobName, jobData, clock, random, intervalMs, jitterMs } = this.#o;
    const options = { ...(this.#o.attempts ? { attempts: this.#o.attempts } : {}) };
    const scheduled: ScheduledItem[] = [];
    const errors: TickResult["errors"] = [];
    for (const id of ids) {
      const jobId = this.jobIdFor(id);
      try {
        const job = await queue.enqueue(queueName, jobName, jobData(id), { ...options, jobId });
        // Marked even when a job was already pending: that job is this run, and the next one starts a new period.
        const nextRunAt = computeNextRunAt(clock.now(), intervalMs, jitterMs, random);
        await this.#o.markScheduled(id, nextRunAt);
        scheduled.push({ id, jobId, created: job.created, nextRunAt });
      } catch (error) {
        // Not marked, so the item stays due and the next tick tries again.
        errors.push({ id, error: describeError(error) });
      }
    }
    return { scheduled, errors };
  }
}
