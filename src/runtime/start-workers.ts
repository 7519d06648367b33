// Registers the job processors of workers/ on a queue: what `catalogue worker` runs, and what `catalogue serve`
// runs in-process on the embedded default (no REDIS_URL). The queue decides where jobs come from (memory or
// Redis); the processors are the same either way.

import {
  createCrawlSourceProcessor,
  createSyncPeerProcessor,
  type SyncPeerJobData,
} from "../../workers/index.ts";
import type { HostBudget } from "../forges/host-budget.ts";
import type { Job, JobQueue, QueueName } from "../queue/types.ts";
import type { ServiceContext } from "../services/context.ts";
import type { FederationSettings } from "../services/federation/index.ts";
import { type CrawlTiming, createNextCrawlAt } from "./crawl-policy.ts";
import { createClientFactory } from "./forge-clients.ts";

/** Queues that have a processor today; refresh-repository and deliver-webhook come later. */
export const processedQueues = ["crawl-source", "sync-peer"] as const satisfies readonly QueueName[];
export type ProcessedQueue = (typeof processedQueues)[number];

export interface StartWorkersOptions {
  queue: JobQueue;
  /** Acting as "harvester": the change log says who wrote. */
  ctx: ServiceContext;
  budget: HostBudget;
  secrets: Record<string, string | undefined>;
  timing: CrawlTiming;
  /**
   * This catalogue's federation identity, read when a sync-peer job runs: `serve` knows it only once listening
   * (the bound port). Without it, sync-peer is not processed.
   */
  federation?: () => FederationSettings | null;
  /** Default: every processed queue. */
  queues?: readonly ProcessedQueue[];
  /** Jobs run at once per queue in this process. */
  concurrency?: number;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
}

export function isProcessedQueue(name: string): name is ProcessedQueue {
  return (processedQueues as readonly string[]).includes(name);
}

export function startWorkers(options: StartWorkersOptions): ProcessedQueue[] {
  const queues = [...(options.queues ?? processedQueues)];
  const concurrency = options.concurrency ?? 2;
  const ctx = options.ctx;
  for (const name of queues) {
    if (name === "crawl-source") {
      const processor = createCrawlSourceProcessor({
        ctx,
        clientFor: createClientFactory({
          budget: options.budget,
          secrets: options.secrets,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
        nextCrawlAt: createNextCrawlAt(options.timing, options.random),
      });
      options.queue.process(name, processor, { concurrency });
    }
    if (name === "sync-peer" && options.federation) {
      const settingsOf = options.federation;
      options.queue.process(
        name,
        async (job: Job<SyncPeerJobData>) => {
          const settings = settingsOf();
          // Retryable: serve resolves its identity right after binding; the next tick enqueues the peer again.
          if (!settings) throw new Error("federation settings are not loaded yet");
          return createSyncPeerProcessor({ ctx, sync: { settings } })(job);
        },
        { concurrency },
      );
    }
  }
  return queues.filter((name) => name !== "sync-peer" || options.federation);
}
