// What `catalogue serve` runs beside the HTTP API: the queue, the re-crawl scheduler, the admin port and, on the
// embedded default (no REDIS_URL), the workers too, so one process harvests. With REDIS_URL, serve only
// enqueues and schedules; `catalogue worker` processes run the jobs.
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { AdminServices } from "../http/routes/admin/port.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import type { Scheduler } from "../queue/scheduler.ts";
import type { JobQueue } from "../queue/types.ts";
import { createServiceContext } from "../services/context.ts";
import type { FederationSettings } from "../services/federation/index.ts";
import { createAdminServices } from "./admin-services.ts";
import { crawlTimingOf } from "./crawl-policy.ts";
import { openQueue } from "./open-queue.ts";
import type { QueueMetrics } from "./queue-metrics.ts";
import { createCompactionScheduler } from "./start-compaction.ts";
import { createPeerSyncScheduler } from "./start-peer-sync.ts";
import { createCrawlScheduler } from "./start-scheduler.ts";
import { startWorkers } from "./start-workers.ts";

export type RuntimeConfig = Pick<
  Config,
  | "REDIS_URL"
  | "QUEUE_PREFIX"
  | "CRAWL_INTERVAL_MINUTES"
  | "CRAWL_JITTER"
  | "SCHEDULER_TICK_SECONDS"
  | "SCHEDULER_ENABLED"
>;

export interface StartRuntimeOptions {
  config: RuntimeConfig;
  db: Db;
  logger: Logger;
  /** Forge token variables are looked up here (the process environment, passed in). */
  secrets: Record<string, string | undefined>;
  clock?: Clock;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
  /** Run the processors in this process; default: only without REDIS_URL. */
  workers?: boolean;
  concurrency?: number;
  /** The federation identity once known (serve: after binding); peers are synced from then on. */
  federation?: () => FederationSettings | null;
}

export interface Runtime {
  queue: JobQueue;
  scheduler: Scheduler;
  admin: AdminServices;
  metrics: QueueMetrics;
  close(): Promise<void>;
}

export function startRuntime(options: StartRuntimeOptions): Runtime {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const timing = crawlTimingOf(config);
  const ctx = createServiceContext({ db: options.db, actor: "harvester", logger, clock });
  const opened = openQueue(config, { logger, clock, ...(options.random ? { random: options.random } : {}) });
  if (options.workers ?? !config.REDIS_URL) {
    startWorkers({
      queue: opened.queue,
      ctx,
      budget: opened.budget,
      secrets: options.secrets,
      timing,
      ...(options.federation ? { federation: options.federation } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }
  const crawl = createCrawlScheduler({
    queue: opened.queue,
    ctx,
    timing,
    logger,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    clock,
    ...(options.random ? { random: options.random } : {}),
  });
  const peers = createPeerSyncScheduler({
    queue: opened.queue,
    ctx,
    tickMs: timing.tickMs,
    logger,
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    clock,
    ...(options.federation ? { ready: () => options.federation?.() != null } : {}),
  });
  // Compacting our change log needs our identity (own entries vs relayed ones) and retention.
  const compaction = options.federation
    ? createCompactionScheduler({
        ctx,
        tickMs: timing.tickMs,
        settings: options.federation,
        logger,
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        clock,
      })
    : null;
  if (config.SCHEDULER_ENABLED) {
    crawl.scheduler.start();
    peers.scheduler.start();
    compaction?.start();
  }
  return {
    queue: opened.queue,
    scheduler: crawl.scheduler,
    admin: createAdminServices({ queue: opened.queue, scheduler: crawl.scheduler, ctx }),
    metrics: opened.metrics,
    async close() {
      // Scheduler first (no new jobs), then the queue (running jobs abort and settle), then the budget.
      await Promise.all([crawl.close(), peers.close(), compaction?.close()]);
      await opened.close();
    },
  };
}
