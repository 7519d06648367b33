// The re-crawl scheduler over the sources table: due sources (listSources with dueAt) become crawl-source jobs
// with deterministic ids. With REDIS_URL, a Redis lease lets only one `catalogue serve` of many tick.
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import { Scheduler } from "../queue/scheduler.ts";
import type { JobQueue } from "../queue/types.ts";
import type { ServiceContext } from "../services/context.ts";
import { listSources } from "../services/sources/index.ts";
import type { CrawlTiming } from "./crawl-policy.ts";
import { openSchedulerLease } from "./scheduler-lease.ts";

export interface CrawlSchedulerOptions {
  queue: JobQueue;
  ctx: ServiceContext;
  timing: CrawlTiming;
  logger: Logger;
  /** Set with REDIS_URL: the lease lives there, under `<prefix>:scheduler:lease`. */
  redisUrl?: string | undefined;
  prefix: string;
  clock?: Clock;
  random?: () => number;
}

export interface CrawlScheduler {
  scheduler: Scheduler;
  /** Stops the loop and gives up the lease. */
  close(): Promise<void>;
}

/** Sources scanned per tick; the most overdue come first, the rest on the next tick. */
const dueBatch = 10_000;

export function createCrawlScheduler(options: CrawlSchedulerOptions): CrawlScheduler {
  const { ctx, timing } = options;
  const lease = openSchedulerLease(options.redisUrl, `${options.prefix}:scheduler:lease`);
  const scheduler = new Scheduler({
    queue: options.queue,
    intervalMs: timing.intervalMs,
    jitterMs: timing.jitterMs,
    tickMs: timing.tickMs,
    logger: options.logger,
    lock: lease.lock,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    listDue: async (now) => {
      const rows = await listSources({ ctx, input: { dueAt: now, limit: dueBatch } });
      return rows.map((row) => ({ id: row.id, nextRunAt: row.nextCrawlAt ?? now }));
    },
    // Deliberately nothing: the crawl-source worker records the next due time when the crawl ends
    // (recordSourceCrawl). Until then the source stays due and later ticks find its job pending (a no-op by
    // its deterministic id); if the job is lost (in-process queue, crash) the next tick enqueues it again.
    markScheduled: async () => {},
  });
  return {
    scheduler,
    async close() {
      await scheduler.stop().catch(() => {});
      await lease.close();
    },
  };
}
