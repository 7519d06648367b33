// Wiring shared by `catalogue serve` and `catalogue worker`: queue, host budget, processors, scheduler, admin.
export { createAdminServices } from "./admin-services.ts";
export { type CrawlTiming, crawlTimingOf, createNextCrawlAt } from "./crawl-policy.ts";
export { createClientFactory } from "./forge-clients.ts";
export { type OpenedQueue, openQueue } from "./open-queue.ts";
export { QueueMetrics, withQueueMetrics } from "./queue-metrics.ts";
export { type CompactionScheduler, createCompactionScheduler } from "./start-compaction.ts";
export { createPeerSyncScheduler, type PeerSyncScheduler } from "./start-peer-sync.ts";
export { type Runtime, startRuntime } from "./start-runtime.ts";
export { type CrawlScheduler, createCrawlScheduler } from "./start-scheduler.ts";
export { isProcessedQueue, type ProcessedQueue, processedQueues, startWorkers } from "./start-workers.ts";
export { resolveSourceIds, type TriggerResult, type TriggerTarget, triggerCrawls } from "./trigger-crawls.ts";
