// The harvester on a flaky GitHub: 10% random 502s and a secondary rate limit every 15th request. The crawl
// still finds everything (the same catalogue as on a healthy forge), with one retry per fault and nothing more,
// and rate-limit waits go through the fake sleep (the test never waits for real).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrawlSummary } from "../../../src/services/harvest/index.ts";
import {
  badGateway,
  buildSyntheticWorld,
  secondaryRateLimit,
} from "../../support/fake-forge/github/index.ts";
import type { FakeRequest } from "../../support/fake-forge/http.ts";
import { type GithubHarvest, startGithubHarvest } from "./support/github-harvest.ts";

const world = () => buildSyntheticWorld({ orgs: 6, reposPerOrg: 200, fileRatio: 0.1, seed: 5 });

async function harvestAll(h: GithubHarvest): Promise<CrawlSummary[]> {
  for (const owner of [...h.world.owners.values()]) await h.addPublisher(owner.login);
  return h.crawl();
}

const catalogue = (h: GithubHarvest) =>
  h.handle.sqlite
    .prepare(
      "SELECT r.url, r.publiccode_blob_sha, s.state, s.has_pending_invalid FROM repository r LEFT JOIN software s ON s.repository_id = r.id ORDER BY r.url",
    )
    .all();

const outcomes = (list: CrawlSummary[]) => list.map(({ requests: _r, durationMs: _d, ...rest }) => rest);

describe("harvesting through server faults", () => {
  let healthy: GithubHarvest;
  let flaky: GithubHarvest;
  let clean: CrawlSummary[];
  let faulty: CrawlSummary[];

  beforeAll(async () => {
    healthy = await startGithubHarvest({ world: world(), pageSizeCap: 20 });
    clean = await harvestAll(healthy);
    flaky = await startGithubHarvest({
      world: world(),
      pageSizeCap: 20,
      faults: {
        seed: 2026,
        rules: [
          { every: 15, respond: secondaryRateLimit(30) },
          { rate: 0.1, respond: badGateway() },
        ],
      },
    });
    faulty = await harvestAll(flaky);
  });
  afterAll(async () => {
    await healthy?.close();
    await flaky?.close();
  });

  it("builds the same catalogue as on a healthy forge", () => {
    expect(faulty.every((s) => s.error === null)).toBe(true);
    expect(outcomes(faulty)).toEqual(outcomes(clean));
    expect(catalogue(flaky)).toEqual(catalogue(healthy));
    expect(catalogue(flaky)).toHaveLength(1200);
  });

  it("retries each fault once and otherwise asks for exactly what a healthy crawl asks for", () => {
    const faulted = Object.values(flaky.fake.counts.faulted).reduce((a, b) => a + b, 0);
    expect(faulted).toBeGreaterThan(10);
    expect(flaky.fake.counts.total - faulted).toBe(healthy.fake.counts.total);
    // Bounded: at most a third more requests than the healthy crawl, for 10% + 1/15 injected faults.
    expect(flaky.fake.counts.total).toBeLessThanOrEqual(Math.ceil(healthy.fake.counts.total * 1.34));
    expect(faulty.reduce((n, s) => n + s.requests, 0)).toBe(flaky.fake.counts.total);
  });

  it("waits out secondary limits through the injected sleep, never for real", () => {
    expect(healthy.sleeps).toEqual([]);
    expect(flaky.sleeps.length).toBeGreaterThan(0);
    expect(flaky.sleeps.some((ms) => ms >= 30_000)).toBe(true);
  });
});

describe("a listing that breaks off", () => {
  it("settles nothing: no software ends because the rest of the listing was not seen", async () => {
    const h = await startGithubHarvest({
      world: buildSyntheticWorld({ orgs: 1, reposPerOrg: 120, fileRatio: 0.5, seed: 9 }),
      pageSizeCap: 40,
    });
    try {
      await h.addPublisher("org-0001");
      const states = () =>
        h.handle.sqlite.prepare("SELECT id, state, updated_at FROM software ORDER BY id").all();
      const [first] = await h.crawl();
      expect(first).toMatchObject({ error: null, repositories: 120 });
      // Repositories on the pages the next listing will not reach are deleted: only a complete listing may
      // conclude that, so they must not end as gone (a lookup by id would say they are).
      for (const repo of [...h.world.ownerRepositories.get("org-0001")!].slice(100)) {
        h.world.deleteRepository(`${repo.owner}/${repo.name}`);
      }
      const before = states();
      // The first listing page comes through; every later listing page fails for good; lookups by id work.
      let listings = 0;
      const isListing = (req: FakeRequest) =>
        req.kind === "graphql" && req.body.toString().includes("repositoryOwner");
      h.fake.setFaults({
        rules: [{ kind: (req) => isListing(req) && ++listings > 1, respond: badGateway() }],
      });

      const [broken] = await h.crawl();

      expect(broken!.error).toMatch(/502|Bad Gateway|failed/i);
      expect(broken!.repositories).toBe(40);
      expect(broken!.ended).toBe(0);
      expect(states()).toEqual(before);
    } finally {
      await h.close();
    }
  });
});
