// GitHub client crawl benchmark (scaffolding for the harvester benchmark): a seeded synthetic world served by
// the fake GitHub on 127.0.0.1, crawled organisation by organisation with the real client, then re-crawled with
// `known` as a harvester would pass it. Prints both crawls side by side: requests per 100 repositories (goal:
// ≤ ~1 when nothing changed) and repositories per second, and the re-crawl/first-crawl ratio.
//
//   node --import tsx bench/crawl/github-client.ts [orgs=500] [reposPerOrg=100] [fileRatio=0.3] [seed=1]
import { createGithubClient, resolveGithubEndpoint } from "../../src/forges/github/index.ts";
import type { RepositoryFacts } from "../../src/forges/types.ts";
import { MemoryHostBudget } from "../../src/queue/host-budget/memory.ts";
import {
  buildSyntheticWorld,
  collect,
  startFakeGithub,
  toKnown,
} from "../../test/support/fake-forge/github/index.ts";
import { loadGithubSchema } from "../../test/support/fake-forge/github/schema.ts";

const [orgs = 500, reposPerOrg = 100, fileRatio = 0.3, seed = 1] = process.argv.slice(2).map(Number);

interface CrawlFigures {
  ms: number;
  repositories: number;
  requests: number;
  withFile: number;
}

async function main() {
  let started = performance.now();
  const world = buildSyntheticWorld({ orgs, reposPerOrg, fileRatio, seed });
  loadGithubSchema();
  console.log(
    `world: ${world.repositories.size} repositories in ${orgs} organisations, built in ${ms(started)} ms`,
  );

  const fake = await startFakeGithub({ world, tokens: { "bench-token": { limit: 1_000_000 } } });
  const client = createGithubClient({
    endpoint: resolveGithubEndpoint("https://github.com", fake.apiUrl, ["bench-token"]),
    budget: new MemoryHostBudget(),
  });
  const logins = [...world.owners.values()].map((o) => o.login);
  const found = new Map<string, RepositoryFacts[]>();

  const crawl = async (useKnown: boolean): Promise<CrawlFigures> => {
    fake.resetCounts();
    started = performance.now();
    let repositories = 0;
    let withFile = 0;
    for (const login of logins) {
      const known = useKnown ? toKnown(found.get(login) ?? []) : undefined;
      const repos = await collect(client.listSource(`https://github.com/${login}`, known ? { known } : {}));
      found.set(login, repos);
      repositories += repos.length;
      withFile += repos.filter((r) => r.publiccode).length;
    }
    return { ms: performance.now() - started, repositories, requests: fake.counts.total, withFile };
  };

  const first = await crawl(false);
  const again = await crawl(true);
  await fake.close();

  const row = (name: string, f: CrawlFigures) =>
    `${name.padEnd(10)} ${String(f.repositories).padStart(8)} ${String(f.withFile).padStart(8)} ${String(f.requests).padStart(9)} ${((f.requests / f.repositories) * 100).toFixed(2).padStart(12)} ${Math.round(
      f.repositories / (f.ms / 1000),
    )
      .toString()
      .padStart(8)}`;
  console.log(
    `${"crawl".padEnd(10)} ${"repos".padStart(8)} ${"files".padStart(8)} ${"requests".padStart(9)} ${"req/100repo".padStart(12)} ${"repos/s".padStart(8)}`,
  );
  console.log(row("first", first));
  console.log(row("re-crawl", again));
  console.log(
    `re-crawl / first: requests ×${(again.requests / first.requests).toFixed(2)}, time ×${(again.ms / first.ms).toFixed(2)}`,
  );
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}

await main();
