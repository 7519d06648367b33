// Who may run the scheduler's tick. In one process anyone may (openSchedulerLock). With several processes on
// one Redis, a lease decides: the holder renews it on every tick, the others skip their ticks, and when the
// holder dies the lease expires and another process takes over. Deterministic job ids already make a double
// enqueue harmless; the lease saves the duplicate store reads and enqueue calls.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export interface SchedulerLock {
  /** True when this holder may tick now; takes or renews a lease of `ttlMs`. */
  tryAcquire(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

export const openSchedulerLock: SchedulerLock = {
  tryAcquire: async () => true,
  release: async () => {},
};

// Take the lease when free, renew it when ours; never touch another holder's lease.
const acquireScript = `
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class RedisSchedulerLock implements SchedulerLock {
  readonly #token = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key = "catalogue:scheduler:lease",
  ) {}

  async tryAcquire(ttlMs: number): Promise<boolean> {
    const ttl = String(Math.max(1, Math.round(ttlMs)));
    return Number(await this.redis.eval(acquireScript, 1, this.key, this.#token, ttl)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(releaseScript, 1, this.key, this.#token);
  }
}
