import { describe, expect, it } from "vitest";
import {
  checkJobId,
  computeBackoffMs,
  defaultBackoff,
  resolveJobOptions,
} from "../../../src/queue/retry-policy.ts";

const noJitter = { baseMs: 1_000, maxMs: 60_000, jitter: 0 };

describe("computeBackoffMs", () => {
  it("doubles the wait with every retry, starting from baseMs", () => {
    const waits = [1, 2, 3, 4].map((retry) => computeBackoffMs(retry, noJitter, () => 0.5));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("never waits longer than maxMs, however many retries", () => {
    expect(computeBackoffMs(30, noJitter, () => 0.5)).toBe(60_000);
    expect(computeBackoffMs(30, { ...noJitter, jitter: 0.5 }, () => 0.999)).toBe(60_000);
  });

  it("spreads the wait by ± jitter around the exponential value", () => {
    const backoff = { baseMs: 1_000, maxMs: 60_000, jitter: 0.2 };
    expect(computeBackoffMs(3, backoff, () => 0)).toBe(3_200);
    expect(computeBackoffMs(3, backoff, () => 0.5)).toBe(4_000);
    expect(computeBackoffMs(3, backoff, () => 0.75)).toBe(4_400);
  });
});

describe("resolveJobOptions", () => {
  it("fills in default attempts, no delay and the default backoff", () => {
    expect(resolveJobOptions()).toEqual({ attempts: 5, delayMs: 0, backoff: defaultBackoff });
  });

  it("keeps given values and merges a partial backoff over the default", () => {
    expect(resolveJobOptions({ attempts: 1, delayMs: 250, backoff: { baseMs: 10 } })).toEqual({
      attempts: 1,
      delayMs: 250,
      backoff: { ...defaultBackoff, baseMs: 10 },
    });
  });

  it.each([0, -1, 1.5])("rejects %s attempts", (attempts) => {
    expect(() => resolveJobOptions({ attempts })).toThrow(RangeError);
  });

  it("rejects a jitter outside 0–1", () => {
    expect(() => resolveJobOptions({ backoff: { jitter: 1.5 } })).toThrow(RangeError);
  });
});

describe("checkJobId", () => {
  it.each(["", "42", "-7"])("rejects %j", (id) => {
    expect(() => checkJobId(id)).toThrow(RangeError);
  });

  it.each(["crawl-source:42", "042", "a"])("accepts %j", (id) => {
    expect(() => checkJobId(id)).not.toThrow();
  });
});
