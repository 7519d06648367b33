// Federation benchmark: A holds N records (100,000 by default, BENCH_RECORDS to change it); B bootstraps from
// A's snapshot, then A changes 1,000 records and B syncs them from the changes feed. Prints both times and the
// bytes of that incremental sync against a full re-download of the snapshot, with the ratio.
// Goals (issue 6): bootstrap ≤ 30 s, 1,000 changes ≤ 1 s, ≥ 10× fewer bytes.
// A is `catalogue serve` in its own process (as deployed); this process fills A's database and runs B's sync,
// started (npm run bench:federation) with the node flag the `catalogue` command gives itself (bin/catalogue.mjs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../src/db/index.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { addPeer, syncPeer } from "../../src/services/federation/index.ts";
import { fetchPeerPage } from "../../src/services/federation/peer-http.ts";
import { startServeProcess } from "../lib/serve-process.ts";
import { startBenchCatalogue } from "./catalogue.ts";
import { writeEntries } from "./fill.ts";

const records = Number(process.env.BENCH_RECORDS ?? 100_000);
const changes = 1000;
const dir = mkdtempSync(join(tmpdir(), "bench-federation-"));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function fullSnapshotBytes(baseUrl: string): Promise<number> {
  let cursor: string | null = null;
  let bytes = 0;
  for (;;) {
    const page = await fetchPeerPage({
      baseUrl,
      kind: "snapshot",
      cursor,
      limit: 500,
      allowPrivateNetwork: true,
    });
    bytes += page.bytes;
    if (!page.hasMore) return bytes;
    cursor = page.nextCursor;
  }
}

const aDb = createDb(join(dir, "a.sqlite"));
const aCtx = createServiceContext({ db: aDb.db, actor: "bench", clock: systemClock });
let t = performance.now();
writeEntries(aCtx, 0, records);
console.log(`fill A: ${records} records in ${seconds(performance.now() - t)}`);
const a = await startServeProcess({
  DATABASE_URL: join(dir, "a.sqlite"),
  CATALOGUE_ID: "a.bench",
  FEDERATION_KEY_FILE: join(dir, "a.jwk"),
  SCHEDULER_ENABLED: "false",
  RATE_LIMIT_BURST: "0",
});
const b = await startBenchCatalogue(dir, "b.bench");
try {
  const peer = await addPeer(
    b.ctx,
    { selfCatalogueId: "b.bench", allowPrivateNetwork: true },
    { url: a.url },
  );
  t = performance.now();
  const boot = await syncPeer(b.ctx, { settings: b.settings }, peer.id);
  const bootMs = performance.now() - t;
  if (!boot.ok || boot.applied !== records) throw new Error(`bootstrap failed: ${JSON.stringify(boot)}`);

  writeEntries(aCtx, 0, changes, 1);
  t = performance.now();
  const incremental = await syncPeer(b.ctx, { settings: b.settings }, peer.id);
  const incMs = performance.now() - t;
  if (!incremental.ok || incremental.applied !== changes)
    throw new Error(`sync failed: ${JSON.stringify(incremental)}`);
  t = performance.now();
  const full = await fullSnapshotBytes(a.url);
  // The serving side alone (A building and sending every snapshot page, nothing applied): the floor under the
  // bootstrap time, since B applies one page while A builds the next.
  const serveMs = performance.now() - t;

  console.log("");
  console.log("                         measured        goal");
  console.log(
    `bootstrap B from A       ${seconds(bootMs).padEnd(15)} ≤ 30 s   (${records} records, ${boot.pages} pages, ${boot.bytes} bytes)`,
  );
  console.log(`A serves its snapshot      ${seconds(serveMs).padEnd(15)}(download only, nothing applied)`);
  console.log(`sync ${changes} changes        ${seconds(incMs).padEnd(15)} ≤ 1 s`);
  console.log(`bytes incremental        ${String(incremental.bytes).padEnd(15)}`);
  console.log(`bytes full re-download   ${String(full).padEnd(15)}`);
  console.log(`${`ratio                    ${(full / incremental.bytes).toFixed(1)}×`.padEnd(41)}≥ 10×`);
} finally {
  await a.stop();
  aDb.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
}
