// A clock that only moves when someone sleeps: a one-hour wait takes no real time, and the test can read back
// how long each wait was and what time it is afterwards, without asserting anything about wall-clock speed.
import { fixedClock } from "../../../../src/lib/clock.ts";
import type { Sleep } from "../../../../src/queue/sleep.ts";

export function createFakeTiming(start = "2026-01-01T00:00:00Z") {
  const clock = fixedClock(start);
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    signal?.throwIfAborted();
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleep, sleeps };
}

/** A sleep that never ends by itself (only an abort ends it): shows who is waiting at a given moment. */
export function createBlockingSleep() {
  let waiting = 0;
  const sleep: Sleep = (_ms, signal) =>
    new Promise<void>((_resolve, reject) => {
      waiting += 1;
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  return { sleep, waiting: () => waiting };
}
