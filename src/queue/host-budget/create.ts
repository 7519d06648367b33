// Picks the host budget the way createQueue picks the queue: REDIS_URL set → one budget shared through Redis by
// every worker process; unset → a budget in this process's memory.

import { Redis } from "ioredis";
import type { Config } from "../../config.ts";
import type { HostBudget } from "../../forges/host-budget.ts";
import type { Clock } from "../../lib/clock.ts";
import { closeConnection, reconnectDelayMs } from "../bullmq/connection.ts";
import type { Sleep } from "../sleep.ts";
import { MemoryHostBudget } from "./memory.ts";
import { RedisHostBudget } from "./redis.ts";

export interface CreateHostBudgetDeps {
  clock?: Clock;
  sleep?: Sleep;
  prefix?: string;
}

export interface OwnedHostBudget {
  budget: HostBudget;
  /** Closes the Redis connection the budget was given, if any. */
  close(): Promise<void>;
}

export function createHostBudget(
  config: Pick<Config, "REDIS_URL">,
  deps: CreateHostBudgetDeps = {},
): OwnedHostBudget {
  if (!config.REDIS_URL) return { budget: new MemoryHostBudget(deps), close: async () => {} };
  // Commands wait for the first connection, but during an outage they fail after two reconnect attempts, so the
  // forge request fails as a network fault and its job is retried with backoff instead of hanging.
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => reconnectDelayMs(times, 2_000),
  });
  redis.on("error", () => {}); // each command reports its own failure
  return { budget: new RedisHostBudget({ redis, ...deps }), close: () => closeConnection(redis) };
}
