// Retry policy shared by both backends: how many runs a job gets and how long to wait between them.
// Exponential backoff with jitter spreads the retries of many jobs that failed together (a forge outage), so
// they do not all come back in the same second.
import type { BackoffOptions, EnqueueOptions } from "./types.ts";

export const defaultAttempts = 5;
export const defaultBackoff: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000, jitter: 0.2 };

export interface ResolvedJobOptions {
  attempts: number;
  delayMs: number;
  backoff: BackoffOptions;
}

export function resolveJobOptions(options: EnqueueOptions = {}): ResolvedJobOptions {
  const attempts = options.attempts ?? defaultAttempts;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be an integer ≥ 1`);
  const delayMs = Math.max(0, options.delayMs ?? 0);
  const backoff = { ...defaultBackoff, ...options.backoff };
  if (backoff.jitter < 0 || backoff.jitter > 1)
    throw new RangeError("backoff.jitter must be between 0 and 1");
  return { attempts, delayMs, backoff };
}

/**
 * Milliseconds to wait before retry number `retry` (1 = the first retry).
 * `random` returns [0, 1); injected so tests pin the jitter.
 */
export function computeBackoffMs(retry: number, backoff: BackoffOptions, random: () => number): number {
  const exponential = backoff.baseMs * 2 ** Math.max(0, retry - 1);
  const capped = Math.min(exponential, backoff.maxMs);
  const spread = capped * backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(capped + spread, backoff.maxMs)));
}

/** Rejects ids that a backend cannot store faithfully (BullMQ reads an integer id as its own counter). */
export function checkJobId(jobId: string): void {
  if (jobId.length === 0) throw new RangeError("jobId must not be empty");
  if (String(Number.parseInt(jobId, 10)) === jobId)
    throw new RangeError(`jobId must not be a bare integer: '${jobId}'`);
}
