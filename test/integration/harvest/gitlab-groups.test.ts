// The harvester on GitLab: real corpus files spread over nested groups of two publishers (all named
// publiccode.yml: the GitLab client looks for that name only, see src/forges/gitlab/publiccode-file.ts). Each file is found
// once, through the publisher whose group holds it at any depth; a re-crawl writes nothing and downloads no
// file; a project moved to the other publisher's subgroup keeps its software, which changes publisher.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createForgeClient } from "../../../src/forges/create-client.ts";
import { MemoryHostBudget } from "../../../src/queue/host-budget/memory.ts";
import { addForge } from "../../../src/services/forges/index.ts";
import { type CrawlSummary, crawlSource } from "../../../src/services/harvest/index.ts";
import { createPublisher } from "../../../src/services/publishers/index.ts";
import { readCorpus } from "../../support/fake-forge/github/index.ts";
import { type FakeGitlab, startFakeGitlab } from "../../support/fake-forge/gitlab/server.ts";
import { FakeGitlabWorld, type FakeGroup, type FakeProject } from "../../support/fake-forge/gitlab/world.ts";
import { readDbState } from "./support/db-state.ts";
import { createHarvestStore, type HarvestStore } from "./support/store.ts";

const corpus = readCorpus(fileURLToPath(new URL("../../fixtures/real/", import.meta.url)))!;

describe("harvesting nested GitLab groups", () => {
  let store: HarvestStore;
  let fake: FakeGitlab;
  const world = new FakeGitlabWorld();
  const publisherOfGroup = new Map<number, string>();
  const sourceIds: string[] = [];
  const projects: FakeProject[] = [];
  let regionSub: FakeGroup;
  let city: FakeGroup;
  let crawl: () => Promise<CrawlSummary[]>;

  beforeAll(async () => {
    store = createHarvestStore();
    const region = world.addGroup("region");
    regionSub = world.addGroup("health", world.addGroup("departments", region));
    city = world.addGroup("city");
    const cityDeep = world.addGroup("schools", world.addGroup("education", city));
    const groups = [region, regionSub, city, cityDeep];
    corpus.forEach((f, i) => {
      const group = groups[i % groups.length]!;
      projects.push(
        world.addProject({
          path: `p${i}`,
          namespace: { kind: "group", id: group.id },
          files: { "publiccode.yml": f.bytes },
        }),
      );
    });
    fake = await startFakeGitlab({
      world,
      tokens: ["glpat-harvest"],
      now: () => store.clock.now().getTime(),
    });
    const { ctx } = store;
    const forge = await addForge({
      ctx,
      input: { kind: "gitlab", url: fake.webUrl, apiUrl: fake.apiUrl, tokenEnv: "GL_TOKEN" },
    });
    const client = createForgeClient(forge, {
      secrets: { GL_TOKEN: "glpat-harvest" },
      budget: new MemoryHostBudget({ clock: store.clock }),
      clock: store.clock,
      sleep: async (ms) => store.clock.advance(ms),
    });
    for (const group of [region, city]) {
      const p = await createPublisher({
        ctx,
        input: { name: group.path, codeHosting: [{ url: `${fake.webUrl}/${group.path}` }] },
      });
      publisherOfGroup.set(group.id, p.id);
      sourceIds.push(p.codeHosting[0]!.id);
    }
    crawl = async () => {
      const out: CrawlSummary[] = [];
      for (const sourceId of sourceIds)
        out.push(await crawlSource({ ctx, input: { sourceId }, deps: { clientFor: () => client } }));
      return out;
    };
    const first = await crawl();
    expect(first.map((s) => s.error)).toEqual([null, null]);
  });
  afterAll(async () => {
    await fake?.close();
    store?.handle.close();
  });

  const softwareOf = (project: FakeProject) =>
    store.handle.sqlite
      .prepare(
        "SELECT s.id, s.publisher_id, s.url, s.state FROM software s JOIN repository r ON r.id = s.repository_id WHERE r.forge_repo_id = ?",
      )
      .get(String(project.id)) as
      | { id: string; publisher_id: string; url: string; state: string }
      | undefined;

  it("finds every file once and gives it to the publisher of its top-level group", () => {
    const repos = store.handle.sqlite
      .prepare("SELECT forge_repo_id, publiccode_path FROM repository")
      .all() as {
      forge_repo_id: string;
      publiccode_path: string;
    }[];
    expect(repos).toHaveLength(212);
    expect(new Set(repos.map((r) => r.forge_repo_id)).size).toBe(212);
    // Each file downloaded once, and parsed from those bytes.
    expect(fake.counts.byKind["files:get"]).toBe(212);
    let attributed = 0;
    for (const project of projects) {
      expect(repos.find((r) => r.forge_repo_id === String(project.id))?.publiccode_path).toBe(
        "publiccode.yml",
      );
      // Technical forks (a file naming catalogued software) have no software of their own.
      const sw = softwareOf(project);
      if (!sw) continue;
      expect(sw.publisher_id).toBe(publisherOfGroup.get(topGroupOf(project)));
      attributed += 1;
    }
    expect(attributed).toBeGreaterThan(180);
  });

  it("re-crawls the unchanged groups without a write and without downloading a file", async () => {
    const before = readDbState(store.handle.sqlite);
    fake.resetCounts();
    const again = await crawl();
    expect(readDbState(store.handle.sqlite).rows).toEqual(before.rows);
    expect(again.reduce((n, s) => n + s.unchanged, 0)).toBe(212);
    expect(fake.counts.byKind["files:get"] ?? 0).toBe(0);
    expect(fake.counts.byKind["files:head"] ?? 0).toBe(0);
    expect(fake.counts.total).toBe(again.reduce((n, s) => n + s.requests, 0));
  });

  it("follows a project moved into the other publisher's subgroup: same software, new publisher", async () => {
    const moved = projects.find((p) => topGroupOf(p) === city.id && softwareOf(p))!;
    const before = softwareOf(moved)!;
    world.transfer(moved, { kind: "group", id: regionSub.id });
    await crawl();
    const after = softwareOf(moved)!;
    expect(after.id).toBe(before.id);
    expect(after.publisher_id).not.toBe(before.publisher_id);
    expect(after.url).toMatch(/\/region\/departments\/health\//);
    expect(after.state).not.toMatch(/gone|left-publisher/);
  });

  function topGroupOf(project: FakeProject): number {
    let group = world.groups.get((project.namespace as { id: number }).id)!;
    while (group.parentId !== null) group = world.groups.get(group.parentId)!;
    return group.id;
  }
});
