// Our retry policy inside BullMQ: the job's backoff options travel in its BullMQ options under a custom strategy
// type, and every worker computes the wait with the shared retry-policy module, so in-process and BullMQ retries
// follow one formula (BullMQ's built-in "exponential" has no cap).
import type { BackoffStrategy } from "bullmq";
import { computeBackoffMs, defaultBackoff } from "../retry-policy.ts";
import type { BackoffOptions } from "../types.ts";

type StoredBackoff = { type: "catalogue-exponential"; delay: number } & BackoffOptions;

export function toStoredBackoff(backoff: BackoffOptions): StoredBackoff {
  return { type: "catalogue-exponential", delay: backoff.baseMs, ...backoff };
}

export function createBackoffStrategy(random: () => number): BackoffStrategy {
  return (attemptsMade, _type, _error, job) => {
    const { baseMs, maxMs, jitter } = (job?.opts.backoff ?? {}) as Partial<StoredBackoff>;
    const backoff = { ...defaultBackoff };
    if (baseMs !== undefined) backoff.baseMs = baseMs;
    if (maxMs !== undefined) backoff.maxMs = maxMs;
    if (jitter !== undefined) backoff.jitter = jitter;
    return computeBackoffMs(attemptsMade, backoff, random);
  };
}
