// Adapts one of our processors to BullMQ: decodes the id, maps a permanent failure to UnrecoverableError (so
// BullMQ fails the job without retrying) and reports every run to the observer.
import { type Job as BullJob, type Processor as BullProcessor, UnrecoverableError } from "bullmq";
import type { Clock } from "../../lib/clock.ts";
import { describeError, isPermanentFailure } from "../errors.ts";
import { notifyObserver } from "../observers.ts";
import type { JobObserver, JobOutcome, Processor, QueueName } from "../types.ts";
import { decodeJobId } from "./job-id.ts";

export interface WrapProcessorOptions {
  queue: QueueName;
  clock: Clock;
  observer: JobObserver;
}

export function wrapProcessor<Data, Result>(
  processor: Processor<Data, Result>,
  { queue, clock, observer }: WrapProcessorOptions,
): BullProcessor<Data, Result> {
  return async (bullJob: BullJob<Data, Result>, _token?: string, signal?: AbortSignal) => {
    const id = decodeJobId(bullJob.id ?? "");
    const attempt = bullJob.attemptsMade + 1;
    const startedMs = clock.now().getTime();
    const report = (outcome: JobOutcome, error?: string) => {
      const durationMs = Math.max(0, clock.now().getTime() - startedMs);
      const event = { queue, name: bullJob.name, jobId: id, attempt, durationMs, outcome };
      notifyObserver(observer, error === undefined ? event : { ...event, error });
    };
    try {
      const result = await processor({ id, name: bullJob.name, data: bullJob.data, attempt, signal });
      report("completed");
      return result;
    } catch (error) {
      const message = describeError(error);
      const permanent = isPermanentFailure(error);
      // Mirrors BullMQ's own decision (Job.shouldRetryJob), which runs after this returns.
      report(!permanent && attempt < (bullJob.opts.attempts ?? 1) ? "retried" : "failed", message);
      if (permanent) throw new UnrecoverableError(message);
      throw error instanceof Error ? error : new Error(message);
    }
  };
}
