// The lease that lets one scheduler of many tick. With REDIS_URL it lives in Redis under `key`, on a
// connection of its own that fails fast during an outage (the tick fails, is logged, and the next one tries
// again); without Redis there is one process, and the lock is always open.
import { Redis } from "ioredis";
import { closeConnection, reconnectDelayMs } from "../queue/bullmq/connection.ts";
import { openSchedulerLock, RedisSchedulerLock, type SchedulerLock } from "../queue/scheduler-lock.ts";

export interface SchedulerLease {
  lock: SchedulerLock;
  close(): Promise<void>;
}

export function openSchedulerLease(redisUrl: string | undefined, key: string): SchedulerLease {
  if (!redisUrl) return { lock: openSchedulerLock, close: async () => {} };
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => reconnectDelayMs(times, 2_000),
  });
  redis.on("error", () => {}); // each tick reports its own failure
  return { lock: new RedisSchedulerLock(redis, key), close: () => closeConnection(redis) };
}
