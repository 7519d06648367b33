// What the admin routes need from the queue side, injected through AppDeps.admin (wired by src/runtime/). The
// HTTP layer never sees the queue or the scheduler, only these two calls. Both throw QueueUnavailableError
// (from src/queue/errors.ts) when the queue's store cannot be reached; the routes answer 503 then.
import type { CallContext } from "../../services.ts";

export interface FailedJobView {
  id: string;
  name: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface QueueStateView {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  /** Newest first, at most 100. */
  failedJobs: FailedJobView[];
  /** When the earliest delayed job (a retry) becomes due. */
  nextRunAt: string | null;
}

export interface QueuesView {
  queues: QueueStateView[];
  /** When the scheduler next finds a source due (its earliest nextCrawlAt), if any source exists. */
  nextScheduledCrawlAt: string | null;
}

export type CrawlTarget =
  | { sourceId: string }
  | { sourceUrl: string }
  | { publisherId: string }
  | { all: true };

export interface CrawlTriggerView {
  sources: number;
  jobs: { sourceId: string; jobId: string; created: boolean }[];
  errors: { sourceId: string; error: string }[];
}

export interface AdminServices {
  queues(cx: CallContext): Promise<QueuesView>;
  triggerCrawls(cx: CallContext, target: CrawlTarget): Promise<CrawlTriggerView>;
}
