// How a job failure is classified. A permanent failure (an invalid publiccode.yml, a 404) fails the job at once:
// running it again gives the same answer. Anything else (timeouts, resets, 5xx) is retried with backoff.
import { DomainError } from "../services/errors.ts";

/** Throw from a processor to fail the job without retrying. The BullMQ backend maps it to UnrecoverableError. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** The queue's store cannot be reached (Redis down): enqueue fails fast with this instead of hanging. */
export class QueueUnavailableError extends Error {
  override name = "QueueUnavailableError";
}

/**
 * Domain errors count as permanent too: a verb that rejected its input (InvalidInputError, NotFoundError) will
 * reject it again, so a retry only wastes forge budget.
 */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof PermanentJobError || error instanceof DomainError;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
