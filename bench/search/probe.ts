// Times the search verb in-process on the bench database (no HTTP), to tell store cost from API cost.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../src/db/index.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { searchSoftware, setSearchCacheSize } from "../../src/services/search/index.ts";

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
// First with the result cache off (every call searches), then on (every call after the first is a hit).
for (const [cache, size] of [
  ["uncached", 0],
  ["cached", 256],
] as const) {
  setSearchCacheSize(handle.db, size);
  for (const [name, input] of Object.entries(variants)) await time(`${cache} ${name}`, input);
}

async function time(name: string, input: (typeof variants)[keyof typeof variants]) {
  const times: number[] = [];
  // Warm-up, untimed: loads the facet index (seconds at 100k) and fills the cache when on.
  let total = (await searchSoftware({ ctx, input })).total;
  for (let i = 0; i < Number(process.env.N ?? 200); i++) {
    const t0 = performance.now();
    total = (await searchSoftware({ ctx, input })).total;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(19)} total=${total} p50=${times[Math.floor(times.length / 2)]!.toFixed(2)}ms p99=${times[Math.floor(times.length * 0.99)]!.toFixed(2)}ms max=${times.at(-1)!.toFixed(2)}ms`,
  );
}
handle.close();
