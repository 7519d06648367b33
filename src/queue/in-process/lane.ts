// The jobs of one named queue inside one process: a map by id, a FIFO of waiting ids, and the retained history
// of finished jobs (bounded, newest kept), so getQueueState can count and list them like BullMQ does.
import type { ResolvedJobOptions } from "../retry-policy.ts";
import {
  type FailedJob,
  type JobState,
  maxListedFailedJobs,
  type Processor,
  type QueueName,
  type QueueState,
} from "../types.ts";

export interface JobRecord {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  attemptsMade: number;
  options: ResolvedJobOptions;
  runAtMs: number | null;
  timer: NodeJS.Timeout | null;
  controller: AbortController | null;
  error: string | null;
  failedAt: Date | null;
}

export function newJobRecord(
  id: string,
  name: string,
  data: unknown,
  options: ResolvedJobOptions,
): JobRecord {
  return {
    id,
    name,
    // A JSON round trip gives processors what BullMQ would give them: a copy, with Dates as strings.
    data: data === undefined ? undefined : JSON.parse(JSON.stringify(data)),
    state: "waiting",
    attemptsMade: 0,
    options,
    runAtMs: null,
    timer: null,
    controller: null,
    error: null,
    failedAt: null,
  };
}

export class Lane {
  readonly jobs = new Map<string, JobRecord>();
  readonly waiting: string[] = [];
  readonly running = new Set<Promise<void>>();
  processor: Processor<unknown, unknown> | null = null;
  concurrency = 1;
  active = 0;
  readonly #finished = { completed: [] as string[], failed: [] as string[] };

  constructor(
    readonly queue: QueueName,
    readonly retain: number,
  ) {}

  /** Moves a job into a finished state and evicts the oldest retained job of that state beyond `retain`. */
  finish(job: JobRecord, state: "completed" | "failed"): void {
    job.state = state;
    const ids = this.#finished[state];
    ids.push(job.id);
    while (ids.length > this.retain) {
      const evicted = ids.shift()!;
      if (this.jobs.get(evicted)?.state === state) this.jobs.delete(evicted);
    }
  }

  /** Forgets a finished job so a new run can take its id. */
  forget(job: JobRecord): void {
    if (job.state === "completed" || job.state === "failed") {
      const ids = this.#finished[job.state];
      const at = ids.lastIndexOf(job.id);
      if (at >= 0) ids.splice(at, 1);
    }
    this.jobs.delete(job.id);
  }

  describe(): QueueState {
    const counts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    let nextRunAtMs: number | null = null;
    for (const job of this.jobs.values()) {
      counts[job.state] += 1;
      if (
        job.state === "delayed" &&
        job.runAtMs !== null &&
        (nextRunAtMs === null || job.runAtMs < nextRunAtMs)
      ) {
        nextRunAtMs = job.runAtMs;
      }
    }
    const failedJobs: FailedJob[] = this.#finished.failed
      .map((id) => this.jobs.get(id))
      .filter((job): job is JobRecord => job?.state === "failed")
      .reverse()
      .slice(0, maxListedFailedJobs)
      .map((job) => ({
        id: job.id,
        name: job.name,
        error: job.error ?? "",
        attempts: job.attemptsMade,
        failedAt: job.failedAt!,
      }));
    return { ...counts, failedJobs, nextRunAt: nextRunAtMs === null ? null : new Date(nextRunAtMs) };
  }
}
