// The time a forge harness runs on: one fixed clock and a fake sleep that records every wait (Retry-After,
// reset, backoff, an exhausted budget) and moves the clock instead of waiting, so tests never wait for real.
// Concurrent sleepers wake at their own deadlines: the clock moves to the latest one, never by the sum.
import { fixedClock } from "../../../src/lib/clock.ts";

export interface FakeTime {
  clock: ReturnType<typeof fixedClock>;
  /** Every wait asked of `sleep`, in ms. */
  sleeps: number[];
  sleep(ms: number): Promise<void>;
}

export function fakeTime(start = "2026-06-01T12:00:00Z"): FakeTime {
  const clock = fixedClock(start);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    const wakeAt = clock.now().getTime() + ms;
    await Promise.resolve();
    if (wakeAt > clock.now().getTime()) clock.set(new Date(wakeAt));
  };
  return { clock, sleeps, sleep };
}

/** Drains an async iterable (a client's listing) into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
