import { describe, expect, it } from "vitest";
import { TokenPool } from "../../../../src/forges/github/token-pool.ts";

const now = new Date("2026-06-01T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("TokenPool", () => {
  it("tries every unknown token before preferring the one with most remaining", () => {
    const pool = new TokenPool(["a", "b", "c"]);
    pool.record(pool.slots[0]!, "graphql", 100, later(3_600_000));
    expect(pool.pick("graphql", now).slot.token).toBe("b");
    pool.record(pool.slots[1]!, "graphql", 50, later(3_600_000));
    pool.record(pool.slots[2]!, "graphql", 4000, later(3_600_000));
    expect(pool.pick("graphql", now)).toEqual({ slot: pool.slots[2], waitUntil: null });
  });

  it("tracks GraphQL and REST budgets apart", () => {
    const pool = new TokenPool(["a", "b"]);
    pool.record(pool.slots[0]!, "graphql", 0, later(60_000));
    pool.record(pool.slots[1]!, "core", 0, later(60_000));
    expect(pool.pick("graphql", now).slot.token).toBe("b");
    expect(pool.pick("core", now).slot.token).toBe("a");
  });

  it("skips paused and spent tokens, and names the soonest one when none is usable", () => {
    const pool = new TokenPool(["a", "b"]);
    pool.pause(pool.slots[0]!, later(90_000));
    pool.record(pool.slots[1]!, "graphql", 0, later(30_000));
    expect(pool.pick("graphql", now)).toEqual({ slot: pool.slots[1], waitUntil: later(30_000) });
    expect(pool.pick("graphql", later(30_000)).waitUntil).toBeNull();
  });

  it("waits for the later of a pause and a reset on the same token", () => {
    const pool = new TokenPool(["a"]);
    pool.record(pool.slots[0]!, "graphql", 0, later(10_000));
    pool.pause(pool.slots[0]!, later(20_000));
    pool.pause(pool.slots[0]!, later(5_000));
    expect(pool.pick("graphql", now).waitUntil).toEqual(later(20_000));
  });

  it("works anonymously with a single tokenless slot", () => {
    const pool = new TokenPool([]);
    expect(pool.pick("core", now).slot).toMatchObject({ index: null, token: null });
  });
});
