// The job-queue contract. Two implementations keep it: in-process (in-process/queue.ts, the default) and BullMQ
// (bullmq/queue.ts, when REDIS_URL is set); test/integration/queue/job-queue.test.ts runs one suite on both.
// Delivery is at least once: a job may run again after a crash or a retry, so processors must be idempotent.

export const queueNames = ["crawl-source", "refresh-repository", "sync-peer", "deliver-webhook"] as const;
export type QueueName = (typeof queueNames)[number];

/** Exponential backoff: baseMs × 2^(retry − 1), capped at maxMs, then spread by ± jitter (a fraction, 0–1). */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  jitter: number;
}

export interface EnqueueOptions {
  /**
   * Deterministic id (e.g. `crawl-source:<sourceId>`). While a job with this id is waiting, delayed or active,
   * enqueueing it again changes nothing and returns that job; once it has finished, a new run replaces it.
   */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total runs allowed, first included (1 = never retry). */
  attempts?: number;
  backoff?: Partial<BackoffOptions>;
}

export interface Job<Data = unknown> {
  id: string;
  name: string;
  data: Data;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Aborts when the queue closes: a long job should stop and let the queue run it again later. */
  signal?: AbortSignal;
}

export type Processor<Data = unknown, Result = unknown> = (job: Job<Data>) => Promise<Result>;

export interface ProcessOptions {
  /** Jobs of this queue run at once by this process. */
  concurrency?: number;
}

export type JobState = "waiting" | "delayed" | "active" | "completed" | "failed";

export interface EnqueuedJob {
  id: string;
  name: string;
  state: JobState;
  /** False when an unfinished job with the same id already existed and this call changed nothing. */
  created: boolean;
}

export interface FailedJob {
  id: string;
  name: string;
  error: string;
  /** Runs made, the failing one included. */
  attempts: number;
  failedAt: Date;
}

/** getQueueState lists at most this many failed jobs (the newest); `failed` still counts them all. */
export const maxListedFailedJobs = 100;

export interface QueueState {
  waiting: number;
  active: number;
  delayed: number;
  /** Finished jobs still retained (the newest ones; see retention in docs/queue.md). */
  completed: number;
  failed: number;
  /** Retained failed jobs, newest first. */
  failedJobs: FailedJob[];
  /** When the earliest delayed job (a retry or a scheduled run) becomes due; null when none is delayed. */
  nextRunAt: Date | null;
}

export interface JobQueue {
  enqueue<Data>(queue: QueueName, name: string, data: Data, options?: EnqueueOptions): Promise<EnqueuedJob>;
  /** Starts running this queue's jobs in this process; one processor per queue. */
  process<Data, Result>(queue: QueueName, processor: Processor<Data, Result>, options?: ProcessOptions): void;
  getQueueState(queue: QueueName): Promise<QueueState>;
  /** Stops taking jobs, aborts the signals of running ones and waits for them to settle. */
  close(): Promise<void>;
}

export type JobOutcome = "completed" | "failed" | "retried";

export interface JobFinishedEvent {
  queue: QueueName;
  name: string;
  jobId: string;
  attempt: number;
  durationMs: number;
  outcome: JobOutcome;
  error?: string;
}

/** Metrics hook: one call per run, so /metrics can count outcomes and observe durations. */
export interface JobObserver {
  onJobFinished(event: JobFinishedEvent): void;
}

export const noopJobObserver: JobObserver = { onJobFinished: () => {} };
