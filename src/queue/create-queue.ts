// Picks the backend from the configuration: REDIS_URL set → BullMQ (jobs in Redis, shared by every worker
// process); unset → in-process (jobs in memory, one process).
import type { Config } from "../config.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import { BullMqJobQueue } from "./bullmq/queue.ts";
import { InProcessJobQueue } from "./in-process/queue.ts";
import type { JobObserver, JobQueue } from "./types.ts";

export interface CreateQueueDeps {
  clock?: Clock;
  random?: () => number;
  observer?: JobObserver;
  logger?: Logger;
  /** BullMQ key namespace; defaults to "catalogue". */
  prefix?: string;
}

export function createQueue(config: Pick<Config, "REDIS_URL">, deps: CreateQueueDeps = {}): JobQueue {
  if (config.REDIS_URL) return new BullMqJobQueue({ url: config.REDIS_URL, ...deps });
  return new InProcessJobQueue(deps);
}
