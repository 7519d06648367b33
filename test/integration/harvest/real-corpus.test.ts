// The harvester over the 212 real publiccode files (test/fixtures/real), each in its real repository under its
// real GitHub organisation, one publisher per organisation: the first crawl finds every file once and gives it
// to the right publisher; the second crawl of the unchanged world writes nothing at all.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrawlSummary } from "../../../src/services/harvest/index.ts";
import { buildWorldFromFiles, readCorpus } from "../../support/fake-forge/github/index.ts";
import { countRows, readDbState } from "./support/db-state.ts";
import { type GithubHarvest, startGithubHarvest } from "./support/github-harvest.ts";

const corpus = readCorpus(fileURLToPath(new URL("../../fixtures/real/", import.meta.url)))!;
const sum = (list: CrawlSummary[], key: keyof CrawlSummary) =>
  list.reduce((n, s) => n + (s[key] as number), 0);

describe("harvesting the real corpus from GitHub organisations", () => {
  let h: GithubHarvest;
  const publisherOf = new Map<string, string>();
  let first: CrawlSummary[];

  beforeAll(async () => {
    h = await startGithubHarvest({ world: buildWorldFromFiles(corpus) });
    for (const owner of [...h.world.owners.values()]) {
      publisherOf.set(owner.login.toLowerCase(), (await h.addPublisher(owner.login)).publisherId);
    }
    first = await h.crawl();
  });
  afterAll(() => h?.close());

  it("finds each of the 212 files exactly once, under the forge's own id, without errors", () => {
    expect(corpus).toHaveLength(212);
    expect(first.every((s) => s.error === null)).toBe(true);
    expect(sum(first, "repositories")).toBe(212);
    expect(sum(first, "filesFound")).toBe(212);
    const rows = h.handle.sqlite
      .prepare("SELECT forge_repo_id, url, publiccode_blob_sha, publiccode_path FROM repository")
      .all() as { forge_repo_id: string; url: string; publiccode_path: string }[];
    expect(rows).toHaveLength(212);
    expect(new Set(rows.map((r) => r.forge_repo_id)).size).toBe(212);
    for (const file of corpus) {
      const repo = h.world.getRepository(file.repo);
      const row = rows.find((r) => r.forge_repo_id === repo.nodeId);
      expect(row?.publiccode_path, file.repo).toBe(file.path);
    }
  });

  it("gives every software to the publisher of the organisation its repository lives in", () => {
    const software = h.handle.sqlite
      .prepare("SELECT s.publisher_id, r.url FROM software s JOIN repository r ON r.id = s.repository_id")
      .all() as { publisher_id: string; url: string }[];
    // Files whose `url` names another catalogued repository are technical forks, not software of their own.
    expect(software.length + sum(first, "technicalForks")).toBe(212);
    expect(software.length).toBeGreaterThan(150);
    for (const s of software) {
      const owner = new URL(s.url).pathname.split("/")[1]!.toLowerCase();
      expect(s.publisher_id, s.url).toBe(publisherOf.get(owner));
    }
  });

  it("records invalid and non-YAML files with their validation results instead of dropping them", () => {
    const states = h.handle.sqlite
      .prepare("SELECT state, count(*) AS n FROM software GROUP BY state")
      .all() as {
      state: string;
      n: number;
    }[];
    const byState = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(byState.active).toBeGreaterThan(90);
    expect(byState["invalid-pending"]).toBeGreaterThan(80);
    expect(sum(first, "invalid")).toBe(byState["invalid-pending"]);
    expect(countRows(h.handle.sqlite, "validation_result")).toBeGreaterThan(0);
  });

  it("parses the bytes the listing returned: no file is downloaded a second time", () => {
    // GraphQL carries UTF-8 text; only blobs it cannot carry are fetched once over REST, never by contents.
    expect(h.fake.counts.byKind["rest:contents"] ?? 0).toBe(0);
    const strict = new TextDecoder("utf-8", { fatal: true });
    const undecodable = corpus.filter((f) => {
      try {
        strict.decode(f.bytes);
        return false;
      } catch {
        return true;
      }
    });
    expect(h.fake.counts.byKind["rest:blob"] ?? 0).toBe(undecodable.length);
    expect(h.fake.counts.byKind.graphql).toBe(h.world.owners.size);
  });

  it("re-crawls the unchanged world without a write, a change row or a file request", async () => {
    const before = readDbState(h.handle.sqlite);
    h.fake.resetCounts();

    const again = await h.crawl();

    const after = readDbState(h.handle.sqlite);
    expect(after.rows).toEqual(before.rows);
    // Only the sources' lastCrawledAt bookkeeping: one row per source.
    expect(after.totalChanges - before.totalChanges).toBe(again.length);
    expect(sum(again, "unchanged")).toBe(212);
    expect(sum(again, "created") + sum(again, "updated") + sum(again, "ended")).toBe(0);
    expect(h.fake.counts.total).toBe(h.world.owners.size);
    expect(sum(again, "requests")).toBe(h.world.owners.size);
  });
});
