// The re-crawl timing from the configuration, shared by the scheduler (which enqueues due sources) and the
// crawl-source worker (which records when a source is due next), so both agree on interval and jitter.
import type { Config } from "../config.ts";
import { computeNextRunAt } from "../queue/scheduler.ts";

export type CrawlTimingConfig = Pick<
  Config,
  "CRAWL_INTERVAL_MINUTES" | "CRAWL_JITTER" | "SCHEDULER_TICK_SECONDS"
>;

export interface CrawlTiming {
  intervalMs: number;
  /** Largest distance from the interval; smaller than the interval (CRAWL_JITTER ≤ 0.5). */
  jitterMs: number;
  tickMs: number;
}

export function crawlTimingOf(config: CrawlTimingConfig): CrawlTiming {
  const intervalMs = Math.round(config.CRAWL_INTERVAL_MINUTES * 60_000);
  return {
    intervalMs,
    jitterMs: Math.floor(intervalMs * config.CRAWL_JITTER),
    tickMs: Math.round(config.SCHEDULER_TICK_SECONDS * 1000),
  };
}

/** `nextCrawlAt(now)` for the worker: the same draw the scheduler makes (src/queue/scheduler.ts). */
export function createNextCrawlAt(timing: CrawlTiming, random: () => number = Math.random) {
  return (now: Date): Date => computeNextRunAt(now, timing.intervalMs, timing.jitterMs, random);
}
