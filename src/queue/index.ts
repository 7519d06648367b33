// The queue's public surface: import from here, not from the backends.
export { type CreateQueueDeps, createQueue } from "./create-queue.ts";
export { isPermanentFailure, PermanentJobError, QueueUnavailableError } from "./errors.ts";
export { createHostBudget, type OwnedHostBudget } from "./host-budget/create.ts";
export { MemoryHostBudget } from "./host-budget/memory.ts";
export { RedisHostBudget } from "./host-budget/redis.ts";
export { combineJobObservers, createLoggingJobObserver } from "./observers.ts";
export { computeBackoffMs, defaultAttempts, defaultBackoff } from "./retry-policy.ts";
export { type DueItem, Scheduler, type SchedulerOptions, type TickResult } from "./scheduler.ts";
export { openSchedulerLock, RedisSchedulerLock, type SchedulerLock } from "./scheduler-lock.ts";
export * from "./types.ts";
