// Times the search verb in-process on the bench database (no HTTP), to tell store cost from API cost.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../src/db/index.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { searchSoftware } from "../../src/services/search/index.ts";

const count = Number(process.argv[2] ?? 100_000);
const handle = createDb(join(tmpdir(), `catalogue-bench-${count}.sqlite`));
const ctx = createServiceContext({ db: handle.db, actor: "bench" });
const variants = {
  full: { q: "gestione protocollo", filters: { platform: "web", developmentStatus: "stable" } },
  noFacets: {
    q: "gestione protocollo",
    filters: { platform: "web", developmentStatus: "stable" },
    facets: false,
  },
  rareWord: { q: "anagrafe tributi", filters: { platform: "web", developmentStatus: "stable" } },
};
for (const [name, input] of Object.entries(variants)) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < Number(process.env.N ?? 200); i++) {
    const t0 = performance.now();
    total = (await searchSoftware({ ctx, input })).total;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(10)} total=${total} p50=${times[Math.floor(times.length / 2)]!.toFixed(2)}ms max=${times.at(-1)!.toFixed(2)}ms`,
  );
}
handle.close();
