// A migrated in-memory store acting as the harvester on a fixed clock. Unlike test/support/test-db.ts it is not
// closed after each test: a harvest suite crawls once in beforeAll and several tests read the result, so the
// suite closes it itself (GithubHarvest.close).
import { createDb, type DbHandle } from "../../../../src/db/client.ts";
import { fixedClock } from "../../../../src/lib/clock.ts";
import { createServiceContext, type ServiceContext } from "../../../../src/services/context.ts";

export interface HarvestStore {
  handle: DbHandle;
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
}

export function createHarvestStore(url = ":memory:"): HarvestStore {
  const handle = createDb(url);
  const clock = fixedClock("2026-06-01T12:00:00.000Z");
  const ctx = createServiceContext({ db: handle.db, actor: "harvester", clock });
  return { handle, ctx, clock };
}
