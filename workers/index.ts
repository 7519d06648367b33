// Every job processor, by queue. A processor is `(job) => result` over service verbs and nothing else.
export {
  type CrawlSourceJobData,
  type CrawlSourceWorkerDeps,
  createCrawlSourceProcessor,
} from "./crawl-source.ts";
export { createSyncPeerProcessor, type SyncPeerJobData, type SyncPeerWorkerDeps } from "./sync-peer.ts";
