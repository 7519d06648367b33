import { afterEach, describe, expect, it } from "vitest";
import { createHostBudget, type OwnedHostBudget } from "../../../src/queue/host-budget/create.ts";
import { MemoryHostBudget } from "../../../src/queue/host-budget/memory.ts";
import { RedisHostBudget } from "../../../src/queue/host-budget/redis.ts";
import { connectSharedRedis, deleteKeys, sharedRedisUrl, uniquePrefix } from "../../support/redis.ts";

const owned: OwnedHostBudget[] = [];
afterEach(async () => {
  for (const o of owned.splice(0)) await o.close();
});

describe("createHostBudget", () => {
  it("returns a memory budget when REDIS_URL is unset", () => {
    const created = createHostBudget({ REDIS_URL: undefined });
    owned.push(created);
    expect(created.budget).toBeInstanceOf(MemoryHostBudget);
  });

  it("returns a Redis budget whose pause another process sees when REDIS_URL is set", async () => {
    const prefix = uniquePrefix("budget");
    const created = createHostBudget({ REDIS_URL: sharedRedisUrl }, { prefix });
    owned.push(created);
    expect(created.budget).toBeInstanceOf(RedisHostBudget);
    const until = new Date(Date.now() + 60_000);
    await created.budget.pause("api.github.com", until, "429");
    const redis = await connectSharedRedis();
    try {
      const other = new RedisHostBudget({ redis, prefix });
      expect(await other.snapshot()).toMatchObject([
        { key: "api.github.com", pausedUntil: until, pauseReason: "429" },
      ]);
    } finally {
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
  });
});
