// The two Redis connections of the BullMQ backend. They differ on purpose:
// - the producer (enqueue, state) has no offline queue, so during an outage enqueue fails at once with a clear
//   error instead of hanging until Redis returns;
// - the consumer (workers) keeps commands across a reconnect and retries them forever (maxRetriesPerRequest:
//   null, which BullMQ requires for blocking reads), so workers resume by themselves when Redis comes back.
// Both reconnect with capped exponential backoff.
import { Redis, type RedisOptions } from "ioredis";

export interface RedisConnectionOptions {
  /** Upper bound of the wait between reconnect attempts. */
  reconnectMaxMs?: number;
}

export function reconnectDelayMs(times: number, maxMs: number): number {
  return Math.min(50 * 2 ** Math.min(times, 16), maxMs);
}

function baseOptions(options: RedisConnectionOptions): RedisOptions {
  const maxMs = options.reconnectMaxMs ?? 2_000;
  return { retryStrategy: (times) => reconnectDelayMs(times, maxMs) };
}

export function createProducerConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  return new Redis(url, { ...baseOptions(options), enableOfflineQueue: false, maxRetriesPerRequest: 1 });
}

export function createConsumerConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  return new Redis(url, { ...baseOptions(options), maxRetriesPerRequest: null });
}

/** host:port of a Redis URL, for error messages (never the password). */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "6379"}`;
}

/** Ends a connection without waiting on a server that may be gone. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
