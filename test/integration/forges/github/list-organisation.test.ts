import { afterEach, describe, expect, it } from "vitest";
import {
  type GithubHarness,
  readGithubFixture,
  startGithubHarness,
} from "../../../support/fake-forge/github/index.ts";
import { GithubWorld, gitBlobSha } from "../../../support/fake-forge/github/world.ts";

describe("GitHub client listing an organisation", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("finds every repository once across several pages, with one GraphQL request per 100", async () => {
    const world = new GithubWorld();
    world.addOwner("acme", "Organization");
    for (let i = 0; i < 250; i++) world.addRepository(`acme/r${i}`, { files: { "README.md": `# r${i}\n` } });
    h = await startGithubHarness({ world });

    const repos = await h.list("acme");

    expect(repos.map((r) => r.fullPath).sort()).toEqual([...Array(250)].map((_, i) => `acme/r${i}`).sort());
    expect(new Set(repos.map((r) => r.forgeRepoId)).size).toBe(250);
    expect(h.fake.counts.byKind).toEqual({ graphql: 3 });
    expect(h.client.requestCount()).toBe(3);
  });

  it("follows the cursor through short pages until GitHub says there is no next page", async () => {
    const world = new GithubWorld();
    for (let i = 0; i < 100; i++) world.addRepository(`acme/r${i}`, { files: { "a.txt": "a" } });
    h = await startGithubHarness({ world, pageSizeCap: 30 });

    expect(new Set((await h.list("acme")).map((r) => r.fullPath)).size).toBe(100);
    expect(h.fake.counts.byKind).toEqual({ graphql: 4 });
  });

  it("reports flags, ids, default branch, pushed time and fork parent as GitHub has them", async () => {
    const world = new GithubWorld();
    const upstream = world.addRepository("other/upstream", { files: { "a.txt": "a" } });
    const fork = world.addRepository("acme/fork", {
      isFork: true,
      parent: "other/upstream",
      files: { "a.txt": "a" },
    });
    world.addRepository("acme/old", { isArchived: true, defaultBranch: "master", files: { "a.txt": "a" } });
    world.addRepository("acme/hidden", { isPrivate: true, isDisabled: true, files: { "a.txt": "a" } });
    world.addRepository("acme/empty", {});
    h = await startGithubHarness({ world });

    const byName = new Map((await h.list("acme")).map((r) => [r.fullPath, r]));

    expect(byName.get("acme/fork")).toMatchObject({
      kind: "github",
      forgeRepoId: fork.nodeId,
      url: "https://github.com/acme/fork",
      isFork: true,
      forkParentUrl: `https://github.com/${upstream.owner}/${upstream.name}`,
      defaultBranch: "main",
      pushedAt: fork.pushedAt,
      publiccode: null,
    });
    expect(byName.get("acme/old")).toMatchObject({
      isArchived: true,
      isFork: false,
      defaultBranch: "master",
    });
    expect(byName.get("acme/hidden")).toMatchObject({ isPrivate: true, isDisabled: true });
    expect(byName.get("acme/empty")).toMatchObject({ isEmpty: true, defaultBranch: null, publiccode: null });
    expect(byName.has("other/upstream")).toBe(false);
  });

  it("returns the publiccode bytes exactly, with their blob sha, without any extra request", async () => {
    const plain = readGithubFixture("3dinformatica__docway-fca.yml");
    const crlf = readGithubFixture("ASL2-Liguria__onesys.yml");
    const yaml = readGithubFixture("Camilochiang__Agricultural_datasets.yml");
    const world = new GithubWorld();
    world.addRepository("acme/plain", { files: { "publiccode.yml": plain } });
    world.addRepository("acme/crlf", { files: { "publiccode.yml": crlf } });
    world.addRepository("acme/yaml", { files: { "publiccode.yaml": yaml } });
    world.addRepository("acme/both", { files: { "publiccode.yml": plain, "publiccode.yaml": yaml } });
    h = await startGithubHarness({ world });

    const byName = new Map((await h.list("acme")).map((r) => [r.fullPath, r.publiccode]));

    expect(byName.get("acme/plain")).toEqual({
      path: "publiccode.yml",
      blobSha: gitBlobSha(plain),
      bytes: plain,
    });
    expect(byName.get("acme/crlf")?.bytes).toEqual(crlf);
    expect(byName.get("acme/yaml")).toEqual({
      path: "publiccode.yaml",
      blobSha: gitBlobSha(yaml),
      bytes: yaml,
    });
    expect(byName.get("acme/both")?.path).toBe("publiccode.yml");
    expect(h.fake.counts.total).toBe(1);
  });

  it("lists a user account's own repositories, not those shared with it", async () => {
    const world = new GithubWorld();
    world.addOwner("alice", "User");
    world.addRepository("alice/dotfiles", { files: { "a.txt": "a" } });
    world.addRepository("acme/shared", { files: { "a.txt": "a" } });
    world.addCollaborator("acme/shared", "alice");
    h = await startGithubHarness({ world });

    expect((await h.list("alice")).map((r) => r.fullPath)).toEqual(["alice/dotfiles"]);
  });

  it("fails with a non-retryable 404 ForgeError for an unknown owner", async () => {
    h = await startGithubHarness({ world: new GithubWorld() });

    await expect(h.list("nobody")).rejects.toMatchObject({ name: "ForgeError", retry: false, status: 404 });
  });

  it("still reports every repository when a deletion shifts the pages under the cursor", async () => {
    const world = new GithubWorld();
    for (let i = 0; i < 150; i++) world.addRepository(`acme/r${i}`, { files: { "a.txt": "a" } });
    h = await startGithubHarness({ world });
    const seen: string[] = [];
    let shifted = false;

    for await (const repo of h.client.listSource(`${h.webUrl}/acme`)) {
      seen.push(repo.forgeRepoId);
      if (!shifted && seen.length === 50) {
        // A repository deleted before the cursor makes the next page start one further: r100 would be skipped.
        world.deleteRepository("acme/r0");
        shifted = true;
      }
    }

    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(150);
  });

  it("reports a repository once when a transfer-in shifts the pages under the cursor", async () => {
    const world = new GithubWorld();
    world.addRepository("other/old", { files: { "a.txt": "a" } });
    for (let i = 0; i < 150; i++) world.addRepository(`acme/r${i}`, { files: { "a.txt": "a" } });
    h = await startGithubHarness({ world });
    const seen: string[] = [];

    for await (const repo of h.client.listSource(`${h.webUrl}/acme`)) {
      seen.push(repo.fullPath);
      // The older repository lands first in creation order: r99 moves onto the next page and comes again.
      if (seen.length === 50) world.transfer("other/old", "acme");
    }

    expect(seen.length).toBe(151);
    expect(new Set(seen).size).toBe(151);
    expect(seen).toContain("acme/old");
  });
});
