// One contract for both host budgets. `create` returns two handles on the same budget: for memory that is one
// object (one process), for Redis two instances with their own connections, as two workers would have.
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { HostBudget } from "../../../src/forges/host-budget.ts";
import type { Clock } from "../../../src/lib/clock.ts";
import { MemoryHostBudget } from "../../../src/queue/host-budget/memory.ts";
import { RedisHostBudget } from "../../../src/queue/host-budget/redis.ts";
import type { Sleep } from "../../../src/queue/sleep.ts";
import { connectSharedRedis, deleteKeys, uniquePrefix } from "../../support/redis.ts";
import { createBlockingSleep, createFakeTiming } from "../../unit/queue/support/fake-timing.ts";

type Timing = { clock: Clock; sleep: Sleep };
const redisClients: Redis[] = [];
const prefixes: string[] = [];

const backends = [
  {
    name: "memory",
    create: async (timing: Timing) => {
      const budget = new MemoryHostBudget(timing);
      return { a: budget as HostBudget, b: budget as HostBudget };
    },
  },
  {
    name: "redis",
    create: async (timing: Timing) => {
      const prefix = uniquePrefix("host-budget");
      prefixes.push(prefix);
      const [ra, rb] = [await connectSharedRedis(), await connectSharedRedis()];
      redisClients.push(ra, rb);
      return {
        a: new RedisHostBudget({ redis: ra, prefix, ...timing }) as HostBudget,
        b: new RedisHostBudget({ redis: rb, prefix, ...timing }) as HostBudget,
      };
    },
  },
];

let cleaner: Redis;
beforeAll(async () => {
  cleaner = await connectSharedRedis();
});
afterEach(async () => {
  for (const prefix of prefixes.splice(0)) await deleteKeys(cleaner, prefix);
  for (const client of redisClients.splice(0)) await client.quit();
});
afterAll(async () => {
  await cleaner.quit();
});

describe.each(backends)("host budget ($name)", ({ create }) => {
  it("lets a request through at once when nothing is known about the key", async () => {
    const timing = createFakeTiming();
    const { a } = await create(timing);
    await a.acquire("api.github.com");
    expect(timing.sleeps).toEqual([]);
  });

  it("spends the recorded budget, then waits until its reset and forgets it", async () => {
    const timing = createFakeTiming();
    const { a } = await create(timing);
    const resetAt = new Date(timing.clock.now().getTime() + 60_000);
    await a.record("gh", { remaining: 2, limit: 5000, resetAt });
    await a.acquire("gh");
    await a.acquire("gh");
    expect(timing.sleeps).toEqual([]);
    await a.acquire("gh");
    expect(timing.clock.now().getTime()).toBeGreaterThanOrEqual(resetAt.getTime());
    expect(await a.snapshot()).toEqual([
      { key: "gh", remaining: null, limit: 5000, resetAt: null, pausedUntil: null, pauseReason: null },
    ]);
  });

  it("shares one budget between instances, so together they never spend more than remaining", async () => {
    const blocking = createBlockingSleep();
    const { clock } = createFakeTiming();
    const { a, b } = await create({ clock, sleep: blocking.sleep });
    await a.record("gh", { remaining: 5, resetAt: new Date(clock.now().getTime() + 3_600_000) });
    const abort = new AbortController();
    let granted = 0;
    const calls = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? a : b).acquire("gh", abort.signal).then(() => {
        granted += 1;
      }),
    );
    await vi.waitFor(() => expect(granted + blocking.waiting()).toBe(10));
    expect(granted).toBe(5);
    expect((await b.snapshot())[0]?.remaining).toBe(0);
    abort.abort(new Error("test over"));
    await Promise.allSettled(calls);
  });

  it("makes a pause set through one instance hold back the other until it ends, and only for that key", async () => {
    const timing = createFakeTiming();
    const { a, b } = await create(timing);
    const until = new Date(timing.clock.now().getTime() + 120_000);
    await b.pause("gh", until, "secondary rate limit");
    await a.acquire("gitlab.com");
    expect(timing.sleeps).toEqual([]);
    expect(await a.snapshot()).toContainEqual(
      expect.objectContaining({ key: "gh", pausedUntil: until, pauseReason: "secondary rate limit" }),
    );
    await a.acquire("gh");
    expect(timing.sleeps).toEqual([120_000]);
    expect(timing.clock.now()).toEqual(until);
  });

  it("keeps the longer pause when a shorter one arrives later", async () => {
    const timing = createFakeTiming();
    const { a, b } = await create(timing);
    const now = timing.clock.now().getTime();
    await a.pause("gh", new Date(now + 300_000), "429");
    await b.pause("gh", new Date(now + 10_000), "retry-after");
    await a.acquire("gh");
    expect(timing.clock.now().getTime()).toBe(now + 300_000);
  });

  it("keeps the lowest remaining within a window and replaces it when a later window is recorded", async () => {
    const timing = createFakeTiming();
    const { a, b } = await create(timing);
    const now = timing.clock.now().getTime();
    await a.record("gh", { remaining: 10, resetAt: new Date(now + 60_000) });
    await b.record("gh", { remaining: 40, resetAt: new Date(now + 60_000) });
    expect((await a.snapshot())[0]?.remaining).toBe(10);
    await b.record("gh", { remaining: 4999, limit: 5000, resetAt: new Date(now + 3_660_000) });
    expect((await a.snapshot())[0]).toMatchObject({ remaining: 4999, limit: 5000 });
  });

  it("rejects acquire when its signal aborts while waiting", async () => {
    const { clock } = createFakeTiming();
    const blocking = createBlockingSleep();
    const { a } = await create({ clock, sleep: blocking.sleep });
    await a.pause("gh", new Date(clock.now().getTime() + 60_000), "429");
    const abort = new AbortController();
    const pending = a.acquire("gh", abort.signal);
    await vi.waitFor(() => expect(blocking.waiting()).toBe(1));
    abort.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
  });
});
