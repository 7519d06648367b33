// The in-process queue: the default when REDIS_URL is unset (a single `catalogue serve`, the CLI, tests).
// Jobs live in memory, so a restart loses waiting and delayed ones; the scheduler re-enqueues due sources on its
// next tick, which is why crawls survive restarts even though this queue does not (docs/queue.md).
import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { describeError, isPermanentFailure, QueueUnavailableError } from "../errors.ts";
import { notifyObserver } from "../observers.ts";
import { checkJobId, computeBackoffMs, resolveJobOptions } from "../retry-policy.ts";
import {
  type EnqueuedJob,
  type EnqueueOptions,
  type JobObserver,
  type JobOutcome,
  type JobQueue,
  noopJobObserver,
  type ProcessOptions,
  type Processor,
  type QueueName,
  type QueueState,
} from "../types.ts";
import { type JobRecord, Lane, newJobRecord } from "./lane.ts";

export interface InProcessQueueOptions {
  clock?: Clock;
  random?: () => number;
  observer?: JobObserver;
  /** Finished jobs kept per queue and state (completed, failed) for getQueueState. */
  retain?: number;
}

export class InProcessJobQueue implements JobQueue {
  readonly #lanes = new Map<QueueName, Lane>();
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #observer: JobObserver;
  readonly #retain: number;
  #closed = false;

  constructor(options: InProcessQueueOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#observer = options.observer ?? noopJobObserver;
    this.#retain = options.retain ?? 1000;
  }

  async enqueue<Data>(queue: QueueName, name: string, data: Data, options: EnqueueOptions = {}) {
    if (this.#closed) throw new QueueUnavailableError("the job queue is closed");
    const id = options.jobId ?? randomUUID();
    checkJobId(id);
    const resolved = resolveJobOptions(options);
    const lane = this.#lane(queue);
    const existing = lane.jobs.get(id);
    if (existing && ["waiting", "delayed", "active"].includes(existing.state)) {
      return { id, name: existing.name, state: existing.state, created: false } satisfies EnqueuedJob;
    }
    if (existing) lane.forget(existing);
    const job = newJobRecord(id, name, data, resolved);
    lane.jobs.set(id, job);
    if (resolved.delayMs > 0) this.#delay(lane, job, resolved.delayMs);
    else lane.waiting.push(id);
    const state = job.state;
    this.#dispatch(lane);
    return { id, name, state, created: true } satisfies EnqueuedJob;
  }

  process<Data, Result>(
    queue: QueueName,
    processor: Processor<Data, Result>,
    options: ProcessOptions = {},
  ): void {
    if (this.#closed) throw new QueueUnavailableError("the job queue is closed");
    const lane = this.#lane(queue);
    if (lane.processor) throw new Error(`queue '${queue}' already has a processor in this process`);
    lane.processor = processor as Processor<unknown, unknown>;
    lane.concurrency = Math.max(1, options.concurrency ?? 1);
    this.#dispatch(lane);
  }

  async getQueueState(queue: QueueName): Promise<QueueState> {
    return this.#lane(queue).describe();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const lane of this.#lanes.values()) {
      for (const job of lane.jobs.values()) {
        if (job.timer) clearTimeout(job.timer);
        job.controller?.abort(new Error("the job queue is closing"));
      }
    }
    await Promise.allSettled([...this.#lanes.values()].flatMap((lane) => [...lane.running]));
  }

  #lane(queue: QueueName): Lane {
    let lane = this.#lanes.get(queue);
    if (!lane) {
      lane = new Lane(queue, this.#retain);
      this.#lanes.set(queue, lane);
    }
    return lane;
  }

  #dispatch(lane: Lane): void {
    while (lane.processor && !this.#closed && lane.active < lane.concurrency && lane.waiting.length > 0) {
      const job = lane.jobs.get(lane.waiting.shift()!);
      if (job?.state === "waiting") this.#run(lane, lane.processor, job);
    }
  }

  #run(lane: Lane, processor: Processor<unknown, unknown>, job: JobRecord): void {
    job.state = "active";
    job.attemptsMade += 1;
    job.controller = new AbortController();
    lane.active += 1;
    const startedMs = this.#clock.now().getTime();
    const attempt = job.attemptsMade;
    const context = { id: job.id, name: job.name, data: job.data, attempt, signal: job.controller.signal };
    const run = Promise.resolve()
      .then(() => processor(context))
      .then(
        () => {
          job.error = null;
          lane.finish(job, "completed");
          this.#report(lane, job, startedMs, "completed");
        },
        (error: unknown) => this.#fail(lane, job, startedMs, error),
      )
      .finally(() => {
        job.controller = null;
        lane.active -= 1;
        lane.running.delete(run);
        this.#dispatch(lane);
      });
    lane.running.add(run);
  }

  #fail(lane: Lane, job: JobRecord, startedMs: number, error: unknown): void {
    job.error = describeError(error);
    if (!isPermanentFailure(error) && job.attemptsMade < job.options.attempts) {
      this.#delay(lane, job, computeBackoffMs(job.attemptsMade, job.options.backoff, this.#random));
      this.#report(lane, job, startedMs, "retried");
      return;
    }
    job.failedAt = this.#clock.now();
    lane.finish(job, "failed");
    this.#report(lane, job, startedMs, "failed");
  }

  #delay(lane: Lane, job: JobRecord, ms: number): void {
    job.state = "delayed";
    job.runAtMs = this.#clock.now().getTime() + ms;
    if (this.#closed) return;
    job.timer = setTimeout(() => {
      job.timer = null;
      job.runAtMs = null;
      job.state = "waiting";
      lane.waiting.push(job.id);
      this.#dispatch(lane);
    }, ms);
  }

  #report(lane: Lane, job: JobRecord, startedMs: number, outcome: JobOutcome): void {
    const durationMs = Math.max(0, this.#clock.now().getTime() - startedMs);
    const event = {
      queue: lane.queue,
      name: job.name,
      jobId: job.id,
      attempt: job.attemptsMade,
      durationMs,
      outcome,
    };
    notifyObserver(this.#observer, outcome === "completed" ? event : { ...event, error: job.error ?? "" });
  }
}
