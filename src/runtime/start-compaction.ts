// The change-log compaction schedule of `catalogue serve` (docs/federation.md §3.3): at every tick, when the
// last run recorded in the database (change_compaction.last_run_at) is older than the interval, the verb runs
// in this process — it is a few SQL statements, no job queue needed. The schedule lives in the database, so a
// restart neither repeats nor skips a run; with REDIS_URL a lease (`<prefix>:scheduler:compact:lease`) lets one
// `serve` of many tick, and a second run by accident would find nothing left to delete.
import { type Clock, systemClock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  type CompactResult,
  compactChangeLog,
  type FederationSettings,
  lastCompaction,
} from "../services/federation/index.ts";
import { openSchedulerLease } from "./scheduler-lease.ts";

export interface CompactionSchedulerOptions {
  ctx: ServiceContext;
  /** How often the schedule is looked at. */
  tickMs: number;
  /** Time between runs; default one day (retention is counted in days). */
  intervalMs?: number;
  /** The federation identity (our id, the retention): nothing runs until it is known. */
  settings: () => FederationSettings | null;
  logger: Logger;
  redisUrl?: string | undefined;
  prefix: string;
  clock?: Clock;
}

export interface CompactionScheduler {
  /** Runs compaction if it is due (and the lease is ours); the result, or null when nothing ran. */
  tick(): Promise<CompactResult | null>;
  start(): void;
  close(): Promise<void>;
}

export const compactionIntervalMs = 24 * 3_600_000;

export function createCompactionScheduler(options: CompactionSchedulerOptions): CompactionScheduler {
  const clock = options.clock ?? systemClock;
  const interval = options.intervalMs ?? compactionIntervalMs;
  const lease = openSchedulerLease(options.redisUrl, `${options.prefix}:scheduler:compact:lease`);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function tick(): Promise<CompactResult | null> {
    const settings = options.settings();
    if (!settings) return null;
    if (!(await lease.lock.tryAcquire(options.tickMs * 2))) return null;
    const lastRunAt = lastCompaction(options.ctx.db)?.lastRunAt;
    if (lastRunAt && clock.now().getTime() - lastRunAt.getTime() < interval) return null;
    return compactChangeLog(options.ctx, {
      selfCatalogueId: settings.catalogueId,
      retentionDays: settings.tombstoneRetentionDays,
    });
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      const loop = () => {
        running = tick()
          .catch((error) => options.logger.error({ err: error }, "change-log compaction failed"))
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, options.tickMs);
          });
      };
      loop();
    },
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      await lease.lock.release().catch(() => {});
      await lease.close();
    },
  };
}
