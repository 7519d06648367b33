// The BullMQ backend, used when REDIS_URL is set: jobs live in Redis, so they survive restarts and any number of
// worker processes share them. One BullMQ Queue (producer) and at most one Worker per named queue.
import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { type Clock, systemClock } from "../../lib/clock.ts";
import { type Logger, silentLogger } from "../../logger.ts";
import { QueueUnavailableError } from "../errors.ts";
import { checkJobId, resolveJobOptions } from "../retry-policy.ts";
import type {
  EnqueuedJob,
  EnqueueOptions,
  JobObserver,
  JobQueue,
  ProcessOptions,
  Processor,
  QueueName,
  QueueState,
} from "../types.ts";
import { noopJobObserver } from "../types.ts";
import { createBackoffStrategy, toStoredBackoff } from "./backoff.ts";
import { closeConnection, createConsumerConnection } from "./connection.ts";
import { encodeJobId } from "./job-id.ts";
import { wrapProcessor } from "./processor.ts";
import { Producer, type ProducerOptions } from "./producer.ts";
import { readQueueState } from "./state.ts";

export interface BullMqQueueOptions extends ProducerOptions {
  /** How long close() waits for workers to stop before cutting the connections. */
  closeTimeoutMs?: number;
  url: string;
  /** Namespace of every Redis key (BullMQ's `prefix`); tests use a unique one. */
  prefix?: string;
  clock?: Clock;
  random?: () => number;
  observer?: JobObserver;
  logger?: Logger;
  /** Finished jobs kept per queue and state (completed, failed). */
  retain?: number;
}

const unfinished = new Set(["waiting", "delayed", "active", "prioritized", "waiting-children"]);

export class BullMqJobQueue implements JobQueue {
  readonly #options: BullMqQueueOptions & { prefix: string; retain: number };
  readonly #producer: Producer;
  readonly #consumer: Redis;
  readonly #queues = new Map<QueueName, Queue>();
  readonly #workers = new Map<QueueName, Worker>();
  readonly #logger: Logger;
  #closed = false;

  constructor(options: BullMqQueueOptions) {
    this.#options = { prefix: "catalogue", retain: 1000, ...options };
    this.#logger = options.logger ?? silentLogger;
    this.#producer = new Producer(options.url, options);
    this.#consumer = createConsumerConnection(options.url, options);
    for (const redis of [this.#producer.redis, this.#consumer]) {
      redis.on("error", (error) => this.#logger.warn({ err: error }, "redis connection error"));
    }
  }

  async enqueue<Data>(queue: QueueName, name: string, data: Data, options: EnqueueOptions = {}) {
    const id = options.jobId ?? randomUUID();
    checkJobId(id);
    const resolved = resolveJobOptions(options);
    await this.#ensureAvailable();
    const q = this.#queue(queue);
    try {
      const existing = await q.getJob(encodeJobId(id));
      if (existing) {
        const state = await existing.getState();
        if (unfinished.has(state)) {
          const shown = state === "active" || state === "delayed" ? state : "waiting";
          return { id, name: existing.name, state: shown, created: false } satisfies EnqueuedJob;
        }
        // A finished run keeps its id in Redis; drop it so the new run can take the id. If a concurrent enqueue
        // got there first, removing fails or removes its fresh job; either way add() below leaves exactly one.
        await existing.remove().catch(() => {});
      }
      await q.add(name, data, {
        jobId: encodeJobId(id),
        delay: resolved.delayMs,
        attempts: resolved.attempts,
        backoff: toStoredBackoff(resolved.backoff),
        removeOnComplete: { count: this.#options.retain },
        removeOnFail: { count: this.#options.retain },
      });
      return {
        id,
        name,
        state: resolved.delayMs > 0 ? "delayed" : "waiting",
        created: true,
      } satisfies EnqueuedJob;
    } catch (error) {
      throw this.#producer.toUnavailable(error);
    }
  }

  process<Data, Result>(
    queue: QueueName,
    processor: Processor<Data, Result>,
    options: ProcessOptions = {},
  ): void {
    if (this.#closed) throw new QueueUnavailableError("the job queue is closed");
    if (this.#workers.has(queue)) throw new Error(`queue '${queue}' already has a processor in this process`);
    const { clock = systemClock, observer = noopJobObserver, random = Math.random } = this.#options;
    const worker = new Worker<Data, Result>(queue, wrapProcessor(processor, { queue, clock, observer }), {
      connection: this.#consumer,
      prefix: this.#options.prefix,
      concurrency: Math.max(1, options.concurrency ?? 1),
      settings: {
        backoffStrategy: createBackoffStrategy(random),
      },
    });
    worker.on("error", (error) => this.#logger.warn({ err: error, queue }, "bullmq worker error"));
    this.#workers.set(queue, worker);
  }

  async getQueueState(queue: QueueName): Promise<QueueState> {
    await this.#ensureAvailable();
    try {
      return await readQueueState(this.#queue(queue), this.#producer.redis);
    } catch (error) {
      throw this.#producer.toUnavailable(error);
    }
  }

  /** Deletes every job and key of every named queue this instance touched (tests, operator reset). */
  async obliterate(): Promise<void> {
    for (const q of this.#queues.values()) await q.obliterate({ force: true });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const worker of this.#workers.values()) worker.cancelAllJobs("the job queue is closing");
    // Closing talks to Redis; when Redis is down it would wait for a reconnect forever, so it gets a deadline and
    // then the connections are cut (their pending commands fail, and stalled-job recovery takes over).
    const closing = [...this.#workers.values(), ...this.#queues.values()].map((closable) => closable.close());
    await settleWithin(closing, this.#options.closeTimeoutMs ?? 10_000);
    await Promise.all([closeConnection(this.#producer.redis), closeConnection(this.#consumer)]);
  }

  async #ensureAvailable(): Promise<void> {
    if (this.#closed) throw new QueueUnavailableError("the job queue is closed");
    await this.#producer.ensureAvailable();
  }

  #queue(queue: QueueName): Queue {
    let q = this.#queues.get(queue);
    if (!q) {
      q = new Queue(queue, { connection: this.#producer.redis, prefix: this.#options.prefix });
      q.on("error", (error) => this.#logger.warn({ err: error, queue }, "bullmq queue error"));
      this.#queues.set(queue, q);
    }
    return q;
  }
}

async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(promises), deadline]);
  clearTimeout(timer);
}
