// getQueueState for BullMQ: counts from BullMQ, the newest failed jobs with their reasons, and the next due time
// read from the delayed set, whose score is the due timestamp × 0x1000 plus a tie-breaking counter.
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { maxListedFailedJobs, type QueueState } from "../types.ts";
import { decodeJobId } from "./job-id.ts";

export async function readQueueState(queue: Queue, redis: Redis): Promise<QueueState> {
  const counts = await queue.getJobCounts(
    "waiting",
    "prioritized",
    "active",
    "delayed",
    "completed",
    "failed",
  );
  const failed = await queue.getFailed(0, maxListedFailedJobs - 1);
  const [, earliestScore] = await redis.zrange(queue.toKey("delayed"), 0, 0, "WITHSCORES");
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    failedJobs: failed.map((job) => ({
      id: decodeJobId(job.id ?? ""),
      name: job.name,
      error: job.failedReason ?? "",
      attempts: job.attemptsMade,
      failedAt: new Date(job.finishedOn ?? job.timestamp),
    })),
    nextRunAt: earliestScore === undefined ? null : new Date(Math.floor(Number(earliestScore) / 0x1000)),
  };
}
