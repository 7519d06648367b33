// A fresh, migrated in-memory database per test, with a service context on a fixed clock.
import { afterEach } from "vitest";
import { createDb, type DbHandle } from "../../src/db/client.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";

export interface TestStore {
  handle: DbHandle;
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
}

const open: DbHandle[] = [];

afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

/** Opens a new in-memory database (closed after the test) and a context acting as `actor`. */
export function createTestStore(options: { actor?: string; now?: string } = {}): TestStore {
  const handle = createDb(":memory:");
  open.push(handle);
  const clock = fixedClock(options.now ?? "2026-01-01T00:00:00.000Z");
  const ctx = createServiceContext({ db: handle.db, actor: options.actor ?? "test", clock });
  return { handle, ctx, clock };
}
