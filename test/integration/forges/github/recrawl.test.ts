import { afterEach, describe, expect, it } from "vitest";
import type { RepositoryFacts } from "../../../../src/forges/types.ts";
import {
  buildSyntheticWorld,
  type GithubHarness,
  readGithubFixture,
  startGithubHarness,
  toKnown,
} from "../../../support/fake-forge/github/index.ts";

const byPath = (repos: RepositoryFacts[]) => new Map(repos.map((r) => [r.fullPath, r]));

describe("GitHub client re-crawling an organisation", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("costs one request per 100 repositories when nothing changed, odd blobs included", async () => {
    const world = buildSyntheticWorld({ orgs: 1, reposPerOrg: 1000, fileRatio: 0.3, seed: 11 });
    world.setFile("org-0001/repo-00001", "publiccode.yml", readGithubFixture("Comune-Milano__gefo.yml"));
    h = await startGithubHarness({ world });
    const first = await h.list("org-0001");
    expect(h.fake.counts.byKind).toEqual({ graphql: 10, "rest:blob": 1 });
    h.fake.resetCounts();

    const second = await h.list("org-0001", { known: toKnown(first) });

    expect(h.fake.counts.byKind).toEqual({ graphql: 10 });
    expect(second.map((r) => [r.forgeRepoId, r.publiccode?.blobSha])).toEqual(
      first.map((r) => [r.forgeRepoId, r.publiccode?.blobSha]),
    );
  });

  it("sees every kind of change between two crawls: new, changed and removed files, rename, transfer, delete, archive", async () => {
    const world = buildSyntheticWorld({ orgs: 2, reposPerOrg: 150, fileRatio: 0, seed: 5 });
    world.setFile("org-0001/repo-00001", "publiccode.yml", "name: one\n");
    world.setFile("org-0001/repo-00002", "publiccode.yml", "name: two\n");
    world.setFile("org-0001/repo-00003", "publiccode.yml", "name: three\n");
    h = await startGithubHarness({ world });
    const first = byPath(await h.list("org-0001"));

    world.setFile("org-0001/repo-00004", "publiccode.yml", "name: new\n");
    world.setFile("org-0001/repo-00001", "publiccode.yml", "name: one, changed\n");
    world.removeFile("org-0001/repo-00002", "publiccode.yml");
    world.rename("org-0001/repo-00003", "renamed");
    world.transfer("org-0001/repo-00005", "org-0002");
    world.deleteRepository("org-0001/repo-00006");
    world.archive("org-0001/repo-00007");
    const second = byPath(await h.list("org-0001", { known: toKnown([...first.values()]) }));

    const text = (r: RepositoryFacts | undefined) => new TextDecoder().decode(r?.publiccode?.bytes);
    expect(text(second.get("org-0001/repo-00004"))).toBe("name: new\n");
    expect(text(second.get("org-0001/repo-00001"))).toBe("name: one, changed\n");
    expect(second.get("org-0001/repo-00002")?.publiccode).toBeNull();
    expect(second.get("org-0001/renamed")?.forgeRepoId).toBe(first.get("org-0001/repo-00003")?.forgeRepoId);
    expect(second.has("org-0001/repo-00005")).toBe(false);
    expect(second.has("org-0001/repo-00006")).toBe(false);
    expect(second.get("org-0001/repo-00007")?.isArchived).toBe(true);
    expect(second.size).toBe(148);
    expect(second.get("org-0001/repo-00001")?.pushedAt).not.toBe(first.get("org-0001/repo-00001")?.pushedAt);
  });
});
