// Federation benchmark: A holds N records (100,000 by default, BENCH_RECORDS to change it); B bootstraps from
// A's snapshot, then A changes 1,000 records and B syncs them from the changes feed. Prints both times and the
// bytes of that incremental sync against a full re-download of the snapshot, with the ratio.
// Goals (issue 6): bootstrap ≤ 30 s, 1,000 changes ≤ 1 s, ≥ 10× fewer bytes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addPeer, syncPeer } from "../../src/services/federation/index.ts";
import { fetchPeerPage } from "../../src/services/federation/peer-http.ts";
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

const a = await startBenchCatalogue(dir, "a.bench");
const b = await startBenchCatalogue(dir, "b.bench");
try {
  let t = performance.now();
  writeEntries(a.ctx, 0, records);
  console.log(`fill A: ${records} records in ${seconds(performance.now() - t)}`);

  const peer = await addPeer(
    b.ctx,
    { selfCatalogueId: "b.bench", allowPrivateNetwork: true },
    { url: a.url },
  );
  t = performance.now();
  const boot = await syncPeer(b.ctx, { settings: b.settings }, peer.id);
  const bootMs = performance.now() - t;
  if (!boot.ok || boot.applied !== records) throw new Error(`bootstrap failed: ${JSON.stringify(boot)}`);

  writeEntries(a.ctx, 0, changes, 1);
  t = performance.now();
  const incremental = await syncPeer(b.ctx, { settings: b.settings }, peer.id);
  const incMs = performance.now() - t;
  if (!incremental.ok || incremental.applied !== changes)
    throw new Error(`sync failed: ${JSON.stringify(incremental)}`);
  const full = await fullSnapshotBytes(a.url);

  console.log("");
  console.log("                         measured        goal");
  console.log(
    `bootstrap B from A       ${seconds(bootMs).padEnd(15)} ≤ 30 s   (${records} records, ${boot.pages} pages, ${boot.bytes} bytes)`,
  );
  console.log(`sync ${changes} changes        ${seconds(incMs).padEnd(15)} ≤ 1 s`);
  console.log(`bytes incremental        ${String(incremental.bytes).padEnd(15)}`);
  console.log(`bytes full re-download   ${String(full).padEnd(15)}`);
  console.log(`${`ratio                    ${(full / incremental.bytes).toFixed(1)}×`.padEnd(41)}≥ 10×`);
} finally {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
}
