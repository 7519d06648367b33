import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  type GitlabHarness,
  startGitlabHarness,
  toKnown,
} from "../../../support/fake-forge/gitlab/harness.ts";
import { computeGitBlobId, FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/forges/gitlab/${name}`, import.meta.url)));

describe("GitLab client: a world that changes between crawls", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("keeps forgeRepoId across a rename and a transfer and reports the new URL", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    const a = world.addGroup("a", top);
    const b = world.addGroup("b", top);
    const project = world.addProject({
      path: "app",
      namespace: { kind: "group", id: a.id },
      files: { "publiccode.yml": "x: 1\n" },
    });
    h = await startGitlabHarness({ world });
    const first = await h.list("top");
    world.rename(project, "app-renamed");
    world.transfer(project, { kind: "group", id: b.id });

    const second = await h.list("top", { known: toKnown(first, world.now()) });

    expect(first[0]).toMatchObject({ forgeRepoId: String(project.id), url: `${h.fake.webUrl}/top/a/app` });
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({
      forgeRepoId: String(project.id),
      url: `${h.fake.webUrl}/top/b/app-renamed`,
    });
  });

  it("reports archiving, file removal and deletion on the next crawl", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    const ns = { kind: "group" as const, id: group.id };
    const archived = world.addProject({
      path: "to-archive",
      namespace: ns,
      files: { "publiccode.yml": "a: 1\n" },
    });
    const stripped = world.addProject({
      path: "to-strip",
      namespace: ns,
      files: { "publiccode.yml": "b: 1\n" },
    });
    const deleted = world.addProject({ path: "to-delete", namespace: ns });
    h = await startGitlabHarness({ world });
    const first = await h.list("org");
    world.archive(archived);
    world.removeFile(stripped, "publiccode.yml");
    world.delete(deleted);

    const second = await h.list("org", { known: toKnown(first, world.now()) });

    const byId = new Map(second.map((r) => [r.forgeRepoId, r]));
    expect(byId.get(String(archived.id))?.isArchived).toBe(true);
    expect(byId.get(String(stripped.id))).toMatchObject({ publiccode: null });
    expect(byId.get(String(stripped.id))?.publiccodeNotModified).toBeUndefined();
    expect(byId.has(String(deleted.id))).toBe(false);
  });

  it("skips nothing when a project is deleted from an earlier page while the listing pages on", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    const projects = Array.from({ length: 230 }, (_, i) =>
      world.addProject({ path: `p${i}`, namespace: { kind: "group", id: group.id } }),
    );
    let deletedOnce = false;
    h = await startGitlabHarness({
      world,
      onRequest: (req) => {
        if (!deletedOnce && req.kind === "groups:projects" && req.url.searchParams.get("page") === "2") {
          deletedOnce = true;
          world.delete(projects[5]!);
        }
      },
    });

    const repos = await h.list("org");

    // p5 was read on page 1 before it went; p100 slid from page 2 onto page 1 and must not be lost.
    expect(repos.map((r) => Number(r.forgeRepoId)).sort((a, b) => a - b)).toEqual(projects.map((p) => p.id));
    expect(new Set(repos.map((r) => r.forgeRepoId)).size).toBe(repos.length);
  });

  it("skips nothing when more than a page of projects goes from pages already read", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    const projects = Array.from({ length: 350 }, (_, i) =>
      world.addProject({ path: `p${i}`, namespace: { kind: "group", id: group.id } }),
    );
    let deleted = false;
    h = await startGitlabHarness({
      world,
      onRequest: (req) => {
        if (!deleted && req.kind === "groups:projects" && req.url.searchParams.get("page") === "3") {
          deleted = true;
          for (const p of projects.slice(0, 150)) world.delete(p);
        }
      },
    });

    const repos = await h.list("org");

    // The 150 went after being read; the 150 that slid back over two pages are read again, once each.
    expect(repos.map((r) => Number(r.forgeRepoId)).sort((a, b) => a - b)).toEqual(projects.map((p) => p.id));
  });

  it("hands over Latin-1 and invalid UTF-8 file bytes unchanged, with the blob id of those bytes", async () => {
    const latin1 = fixture("publiccode-latin1.yml");
    const invalid = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]);
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    world.addProject({
      path: "latin",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": latin1 },
    });
    world.addProject({
      path: "broken",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": invalid },
    });
    h = await startGitlabHarness({ world });

    const byPath = new Map((await h.list("org")).map((r) => [r.fullPath, r.publiccode]));

    expect(latin1.includes(0xe0)).toBe(true);
    expect(byPath.get("org/latin")?.bytes).toEqual(latin1);
    expect(byPath.get("org/latin")?.blobSha).toBe(computeGitBlobId(latin1));
    expect(byPath.get("org/broken")?.bytes).toEqual(invalid);
  });
});
