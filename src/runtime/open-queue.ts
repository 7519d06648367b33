// The queue, the host budget and their metrics, opened the same way by `catalogue serve` and `catalogue
// worker`: REDIS_URL unset → in memory (one process); set → in Redis under QUEUE_PREFIX, shared by every process
// that uses the same prefix (jobs, the forges' request budgets and the scheduler lease).
import type { Config } from "../config.ts";
import type { HostBudget } from "../forges/host-budget.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import { createQueue } from "../queue/create-queue.ts";
import { createHostBudget } from "../queue/host-budget/create.ts";
import { combineJobObservers, createLoggingJobObserver } from "../queue/observers.ts";
import type { JobQueue } from "../queue/types.ts";
import { QueueMetrics } from "./queue-metrics.ts";

export type QueueConfig = Pick<Config, "REDIS_URL" | "QUEUE_PREFIX">;

export interface OpenedQueue {
  queue: JobQueue;
  budget: HostBudget;
  metrics: QueueMetrics;
  close(): Promise<void>;
}

export function openQueue(
  config: QueueConfig,
  deps: { logger: Logger; clock?: Clock; random?: () => number },
): OpenedQueue {
  const clockDeps = deps.clock ? { clock: deps.clock } : {};
  const owned = createHostBudget(config, { ...clockDeps, prefix: `${config.QUEUE_PREFIX}:budget` });
  // The metrics observe the queue (one event per run) and read its depths: the queue is made just below, with
  // the metrics as its observer, and no scrape can happen before this function returns.
  let queue: JobQueue | null = null;
  const metrics = new QueueMetrics({
    queue: { getQueueState: (name) => queue!.getQueueState(name) },
    budget: owned.budget,
    ...clockDeps,
  });
  queue = createQueue(config, {
    ...clockDeps,
    ...(deps.random ? { random: deps.random } : {}),
    logger: deps.logger,
    prefix: config.QUEUE_PREFIX,
    observer: combineJobObservers(createLoggingJobObserver(deps.logger), metrics),
  });
  const opened = queue;
  return {
    queue: opened,
    budget: owned.budget,
    metrics,
    async close() {
      await opened.close();
      await owned.close();
    },
  };
}
