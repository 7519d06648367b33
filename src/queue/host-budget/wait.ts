// The acquire loop shared by both budgets: ask the store "may I send now, or how long must I wait?", sleep that
// long, ask again. Asking again after every wait matters: another worker may have paused the host meanwhile.
import type { Clock } from "../../lib/clock.ts";
import type { Sleep } from "../sleep.ts";

export interface BudgetTiming {
  clock: Clock;
  sleep: Sleep;
}

/** `tryAcquire` takes one request from the budget and returns 0, or returns the milliseconds to wait first. */
export async function waitForBudget(
  tryAcquire: (nowMs: number) => Promise<number> | number,
  timing: BudgetTiming,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    const waitMs = await tryAcquire(timing.clock.now().getTime());
    if (waitMs <= 0) return;
    await timing.sleep(waitMs, signal);
  }
}
