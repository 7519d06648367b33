// Crawl benchmark: requests per repository of our harvester against the incumbent's per-repository REST crawl,
// both on the same fake GitHub (127.0.0.1) in the same run, for a first crawl and for a re-crawl of the unchanged
// world. Our harvester runs for real: crawlSource over every organisation, writing a SQLite file in a temp dir.
// Goals: ≤ 0.02 requests per repository on the first crawl, ≤ 0.011 on the re-crawl.
//
//   npm run bench:crawl [-- orgs=500 reposPerOrg=100 fileRatio=0.03 seed=1]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "../../src/db/client.ts";
import { createForgeClient } from "../../src/forges/create-client.ts";
import type { ForgeClient } from "../../src/forges/types.ts";
import { MemoryHostBudget } from "../../src/queue/host-budget/memory.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { addForge } from "../../src/services/forges/index.ts";
import { addSummaries, crawlSource } from "../../src/services/harvest/index.ts";
import { createPublisher } from "../../src/services/publishers/index.ts";
import { buildSyntheticWorld, startFakeGithub } from "../../test/support/fake-forge/github/index.ts";
import { crawlLikeIncumbent } from "./baseline.ts";

const [orgs = 500, reposPerOrg = 100, fileRatio = 0.03, seed = 1] = process.argv
  .slice(2)
  .map((a) => Number(a.split("=").pop()));
const TOKEN = "bench-token";

interface Figures {
  name: string;
  repositories: number;
  files: number;
  requests: number;
  ms: number;
}

async function main() {
  const started = performance.now();
  const world = buildSyntheticWorld({ orgs, reposPerOrg, fileRatio, seed });
  const owners = [...world.owners.values()].map((o) => o.login);
  console.log(
    `world: ${world.repositories.size} repositories in ${owners.length} organisations (${secs(started)} s)`,
  );
  const fake = await startFakeGithub({ world, tokens: { [TOKEN]: { limit: 100_000_000 } } });
  const dir = mkdtempSync(join(tmpdir(), "bench-crawl-"));
  const handle = createDb(join(dir, "catalogue.sqlite"));
  try {
    const ctx = createServiceContext({ db: handle.db, actor: "harvester" });
    const forge = await addForge({
      ctx,
      input: { kind: "github", url: "https://github.com", apiUrl: fake.apiUrl, tokenEnv: "BENCH_TOKEN" },
    });
    const sourceIds: string[] = [];
    for (const login of owners) {
      const p = await createPublisher({
        ctx,
        input: { name: login, codeHosting: [{ url: `https://github.com/${login}` }] },
      });
      sourceIds.push(p.codeHosting[0]!.id);
    }
    const client: ForgeClient = createForgeClient(forge, {
      secrets: { BENCH_TOKEN: TOKEN },
      budget: new MemoryHostBudget(),
    });
    const harvest = async (name: string): Promise<Figures> => {
      fake.resetCounts();
      const t = performance.now();
      const summaries = [];
      for (const sourceId of sourceIds) {
        summaries.push(await crawlSource({ ctx, input: { sourceId }, deps: { clientFor: () => client } }));
      }
      const total = addSummaries(summaries);
      if (total.errors > 0) throw new Error(`${total.errors} sources failed`);
      return {
        name,
        repositories: total.repositories,
        files: total.filesFound,
        requests: fake.counts.total,
        ms: performance.now() - t,
      };
    };
    const incumbent = async (name: string): Promise<Figures> => {
      fake.resetCounts();
      const t = performance.now();
      const f = await crawlLikeIncumbent({ apiUrl: fake.apiUrl, token: TOKEN, owners });
      if (f.requests !== fake.counts.total) throw new Error("baseline request count disagrees with the fake");
      return { name, ...f, ms: performance.now() - t };
    };

    const ours = [await harvest("ours: first crawl"), await harvest("ours: re-crawl")];
    const theirs = [await incumbent("incumbent: first crawl"), await incumbent("incumbent: re-crawl")];
    printTable([...ours, ...theirs]);
    const ratio = (i: number) => (perRepo(theirs[i]!) / perRepo(ours[i]!)).toFixed(0);
    console.log(
      `\nincumbent / ours, requests per repository: first crawl ×${ratio(0)}, re-crawl ×${ratio(1)}`,
    );
    console.log(`goal first crawl ≤ 0.02: ${perRepo(ours[0]!) <= 0.02 ? "met" : "MISSED"}`);
    console.log(`goal re-crawl   ≤ 0.011: ${perRepo(ours[1]!) <= 0.011 ? "met" : "MISSED"}`);
    console.log(`total wall time: ${secs(started)} s`);
  } finally {
    handle.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const perRepo = (f: Figures) => f.requests / f.repositories;
const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function printTable(rows: Figures[]) {
  const head = ["crawl", "repos", "files", "requests", "req/repo", "wall s"];
  console.log(
    `\n${head[0]!.padEnd(24)}${head
      .slice(1)
      .map((h) => h.padStart(10))
      .join("")}`,
  );
  for (const r of rows) {
    const cells = [r.repositories, r.files, r.requests, perRepo(r).toFixed(4), (r.ms / 1000).toFixed(1)];
    console.log(`${r.name.padEnd(24)}${cells.map((c) => String(c).padStart(10)).join("")}`);
  }
  console.log("(the baseline looks for publiccode.yml only, so it misses the publiccode.yaml files)");
}

await main();
