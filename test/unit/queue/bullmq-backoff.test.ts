import type { MinimalJob } from "bullmq";
import { describe, expect, it } from "vitest";
import { createBackoffStrategy, toStoredBackoff } from "../../../src/queue/bullmq/backoff.ts";

const jobWith = (backoff: unknown) => ({ opts: { backoff } }) as unknown as MinimalJob;

describe("BullMQ backoff strategy", () => {
  it("computes the wait from the backoff stored in the job's options", () => {
    const strategy = createBackoffStrategy(() => 0.5);
    const job = jobWith(toStoredBackoff({ baseMs: 100, maxMs: 250, jitter: 0.1 }));
    expect([1, 2, 3].map((n) => strategy(n, "catalogue-exponential", new Error("x"), job))).toEqual([
      100, 200, 250,
    ]);
  });

  it("falls back to the default backoff when the job stored none", () => {
    const strategy = createBackoffStrategy(() => 0.5);
    expect(strategy(1, "catalogue-exponential", new Error("x"), jobWith(undefined))).toBe(1_000);
  });
});
