// Binds the admin routes' port (src/http/routes/admin/port.ts) to the queue, the scheduler and the sources.
import type { AdminServices, QueueStateView, QueuesView } from "../http/routes/admin/port.ts";
import { QueueUnavailableError } from "../queue/errors.ts";
import type { Scheduler } from "../queue/scheduler.ts";
import { type JobQueue, queueNames } from "../queue/types.ts";
import { type ServiceContext, withActor } from "../services/context.ts";
import { listSources } from "../services/sources/index.ts";
import { triggerCrawls } from "./trigger-crawls.ts";

export interface AdminServicesOptions {
  queue: JobQueue;
  scheduler: Scheduler;
  ctx: ServiceContext;
}

// listSources({ dueAt }) orders by next_crawl_at; a date past every schedule makes it "the earliest next crawl".
const endOfTime = new Date(8.64e15);

export function createAdminServices({ queue, scheduler, ctx }: AdminServicesOptions): AdminServices {
  return {
    async queues(): Promise<QueuesView> {
      const queues = await Promise.all(
        queueNames.map(async (name): Promise<QueueStateView> => {
          const state = await queue.getQueueState(name);
          return {
            name,
            waiting: state.waiting,
            active: state.active,
            delayed: state.delayed,
            completed: state.completed,
            failed: state.failed,
            failedJobs: state.failedJobs.map((job) => ({ ...job, failedAt: job.failedAt.toISOString() })),
            nextRunAt: state.nextRunAt?.toISOString() ?? null,
          };
        }),
      );
      const [earliest] = await listSources({ ctx, input: { dueAt: endOfTime, limit: 1 } });
      return { queues, nextScheduledCrawlAt: earliest?.nextCrawlAt?.toISOString() ?? null };
    },
    async triggerCrawls(cx, target) {
      const result = await triggerCrawls(withActor(ctx, cx.actor ?? "anonymous"), scheduler, target);
      // Nothing queued and every enqueue failed: the queue is down, which the caller should hear as 503.
      if (result.jobs.length === 0 && result.errors.length > 0) {
        throw new QueueUnavailableError(result.errors[0]!.error);
      }
      return result;
    },
  };
}
