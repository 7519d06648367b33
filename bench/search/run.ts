// Search benchmark: fills (or reuses) a 100k-software SQLite catalogue, starts `catalogue serve` as a child
// process, and drives it with autocannon from a second process on 127.0.0.1 for a fixed time: (a) full-text
// search with two filters, (b) the trivial /v1/status route of the same server. Prints p50/p99 and req/s
// side by side, and the ratio; once with the search result cache off (every request searches) and once on. Goals: search p99 ≤ 20 ms and ≥ 50% of the trivial route's throughput.
//
//   npm run bench:search                      # 100,000 entries, 10 s per scenario
//   BENCH_COUNT=20000 BENCH_SECONDS=5 npm run bench:search
//   BENCH_FILL_ONLY=1 npm run bench:search   # only build the database (reused by later runs)
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createDb, migrationsFolder } from "../../src/db/index.ts";
import { startServeProcess } from "../lib/serve-process.ts";
import { fillCatalogue } from "./fill.ts";

const root = join(import.meta.dirname, "../..");
const count = Number(process.argv[2] ?? process.env.BENCH_COUNT ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const dbPath = process.env.BENCH_DB ?? join(tmpdir(), `catalogue-bench-${count}.sqlite`);

/**
 * The migrations the database was filled under, one "file hash" line each. The cached database is reused when
 * they are all still there unchanged (migrations added since are applied by the server on start); an edited
 * or regenerated migration makes it stale.
 */
function migrationsFingerprint(): string[] {
  return readdirSync(migrationsFolder)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map(
      (f) =>
        `${f} ${createHash("sha256")
          .update(readFileSync(join(migrationsFolder, f)))
          .digest("hex")}`,
    );
}

async function prepareDatabase() {
  const marker = `${dbPath}.complete`;
  const current = migrationsFingerprint();
  const filledUnder = existsSync(marker) ? readFileSync(marker, "utf8").split("\n").filter(Boolean) : [];
  if (existsSync(dbPath) && filledUnder.length > 0 && filledUnder.every((line) => current.includes(line))) {
    console.log(`reusing ${dbPath} (${count} software)`);
    return;
  }
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, marker]) rmSync(f, { force: true });
  const started = Date.now();
  const handle = createDb(dbPath);
  // Fill-time only: nothing is lost to a crash that a rerun would not rebuild.
  handle.sqlite.pragma("synchronous = OFF");
  await fillCatalogue(handle.db, count, (done) => process.stdout.write(`\rfilled ${done}/${count}`));
  handle.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  handle.sqlite.exec("ANALYZE");
  handle.close();
  writeFileSync(marker, current.join("\n"));
  console.log(`\nfilled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The API alone: no re-crawl scheduler (it would crawl the synthetic publishers), no rate limit. */
const startServer = (cacheSize: number) =>
  startServeProcess({
    DATABASE_URL: dbPath,
    RATE_LIMIT_BURST: "0",
    SCHEDULER_ENABLED: "false",
    SEARCH_CACHE_SIZE: String(cacheSize),
    FEDERATION_KEY_FILE: join(tmpdir(), "catalogue-bench-federation-key.jwk"),
  });

interface Result {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

/** autocannon runs in its own process, so the load generator does not share the server's event loop. */
async function drive(url: string, duration: number): Promise<Result> {
  const bin = join(root, "node_modules/autocannon/autocannon.js");
  // A generous per-request timeout: a slow search should show as latency, not as errors.
  const args = [bin, "--json", "-c", String(connections), "-d", String(duration), "-t", "60", url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

const fmt = (r: Result) =>
  `p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   ${r.rps.toFixed(0).padStart(6)} req/s` +
  (r.errors || r.non2xx ? `   (errors ${r.errors}, non-2xx ${r.non2xx})` : "");

/** One server: warm-up, then (a) search and (b) status, measured. */
async function scenario(label: string, cacheSize: number) {
  const { url, stop } = await startServer(cacheSize);
  try {
    const search = new URL("v1/search?q=gestione%20protocollo&platform=web&developmentStatus=stable", url)
      .href;
    const trivial = new URL("v1/status", url).href;
    await drive(search, 2); // warm-up: page cache, statement cache, facet index, JIT
    await drive(trivial, 2);
    const a = await drive(search, seconds);
    const b = await drive(trivial, seconds);
    console.log(`\n${label}: ${count} software, ${connections} connections, ${seconds} s each, 127.0.0.1`);
    console.log(`(a) search  ${fmt(a)}   ${search}`);
    console.log(`(b) status  ${fmt(b)}   ${trivial}`);
    console.log(`search/status throughput ratio: ${((a.rps / b.rps) * 100).toFixed(1)}%   (goal ≥ 50%)`);
    console.log(`search p99 ${a.p99 <= 20 ? "meets" : "misses"} the 20 ms goal`);
  } finally {
    await stop();
  }
}

async function main() {
  await prepareDatabase();
  if (process.env.BENCH_FILL_ONLY) return;
  // Uncached: every request runs the search (SEARCH_CACHE_SIZE=0), i.e. the cost of a cold or one-off query.
  await scenario("uncached (SEARCH_CACHE_SIZE=0)", 0);
  // Cached: the default result cache; the same search between writes, as on a read-mostly catalogue.
  await scenario("cached (default SEARCH_CACHE_SIZE)", 256);
}

await main();
