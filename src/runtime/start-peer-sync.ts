// The peer-sync scheduler: due peers (listDuePeers: never failed, or backoff expired) become sync-peer jobs
// with the deterministic id `sync-peer:<peerId>`, so a peer never has two pending syncs. A second instance of
// the crawl Scheduler, with its own Redis lease so one `catalogue serve` of many ticks.
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../logger.ts";
import { Scheduler } from "../queue/scheduler.ts";
import type { JobQueue } from "../queue/types.ts";
import type { ServiceContext } from "../services/context.ts";
import { listDuePeers } from "../services/federation/index.ts";
import { openSchedulerLease } from "./scheduler-lease.ts";

export interface PeerSyncSchedulerOptions {
  queue: JobQueue;
  ctx: ServiceContext;
  /** How often due peers are looked for: a healthy peer's feed is followed at this pace. */
  tickMs: number;
  logger: Logger;
  /** Set with REDIS_URL: the lease lives under `<prefix>:scheduler:sync-peer:lease`. */
  redisUrl?: string | undefined;
  prefix: string;
  clock?: Clock;
  /** False while the federation identity is unknown (serve before binding): nothing is due until then. */
  ready?: () => boolean;
}

export interface PeerSyncScheduler {
  scheduler: Scheduler;
  close(): Promise<void>;
}

const dueBatch = 1_000;

export function createPeerSyncScheduler(options: PeerSyncSchedulerOptions): PeerSyncScheduler {
  const { ctx } = options;
  const lease = openSchedulerLease(options.redisUrl, `${options.prefix}:scheduler:sync-peer:lease`);
  const scheduler = new Scheduler({
    queue: options.queue,
    queueName: "sync-peer",
    jobName: "sync-peer",
    jobData: (peerId) => ({ peerId }),
    // One run per job: the verb's backoff on the peer row (30 s doubling to 6 h) is the retry schedule; the
    // queue's own quick retries would ask a down peer again within seconds.
    attempts: 1,
    // The interval is unused (markScheduled does nothing): the verb keeps the schedule on the peer row.
    intervalMs: options.tickMs,
    jitterMs: 0,
    tickMs: options.tickMs,
    logger: options.logger,
    lock: lease.lock,
    ...(options.clock ? { clock: options.clock } : {}),
    listDue: async (now) =>
      options.ready?.() === false
        ? []
        : listDuePeers(ctx, now, dueBatch).map((row) => ({ id: row.id, nextRunAt: row.dueAt })),
    // Nothing to mark: a sync that succeeds leaves the peer due (its feed is polled every tick), one that fails
    // stores `nextAttemptAt` with exponential backoff, so a down peer is not asked again until then. A pending
    // job makes the enqueue a no-op; a job lost in a crash leaves the peer due and its cursor stored.
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
