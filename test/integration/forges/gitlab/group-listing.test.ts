import { afterEach, describe, expect, it } from "vitest";
import { type GitlabHarness, startGitlabHarness } from "../../../support/fake-forge/gitlab/harness.ts";
import { FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

const PUBLICCODE = "publiccodeYmlVersion: '0.4'\nname: Demo\n";

describe("GitLab client: group sources", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("finds every project of a group with three levels of subgroups exactly once", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    const mid = world.addGroup("mid", top);
    const leaf = world.addGroup("leaf", mid);
    const other = world.addGroup("other");
    const names = [
      world.addProject({
        path: "a",
        namespace: { kind: "group", id: top.id },
        files: { "publiccode.yml": PUBLICCODE },
      }),
      world.addProject({ path: "b", namespace: { kind: "group", id: mid.id } }),
      world.addProject({
        path: "c",
        namespace: { kind: "group", id: leaf.id },
        files: { "publiccode.yml": PUBLICCODE },
      }),
    ].map((p) => world.projectFullPath(p));
    world.addProject({ path: "elsewhere", namespace: { kind: "group", id: other.id } });
    h = await startGitlabHarness({ world });

    const repos = await h.list("top");

    expect(repos.map((r) => r.fullPath).sort()).toEqual(names.sort());
    const leafRepo = repos.find((r) => r.fullPath === "top/mid/leaf/c");
    expect(leafRepo?.url).toBe(`${h.fake.webUrl}/top/mid/leaf/c`);
    expect(new TextDecoder().decode(leafRepo?.publiccode?.bytes)).toBe(PUBLICCODE);
    expect(repos.find((r) => r.fullPath === "top/mid/b")?.publiccode).toBeNull();
  });

  it("lists a subgroup given by its full URL path", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    const sub = world.addGroup("sub", top);
    world.addProject({ path: "outside", namespace: { kind: "group", id: top.id } });
    const inside = world.addProject({ path: "inside", namespace: { kind: "group", id: sub.id } });
    h = await startGitlabHarness({ world });

    const repos = await h.list("top/sub");

    expect(repos.map((r) => r.forgeRepoId)).toEqual([String(inside.id)]);
  });

  it("does not report a project shared into the group from another publisher", async () => {
    const world = new FakeGitlabWorld();
    const publisher = world.addGroup("city");
    const partner = world.addGroup("region");
    const own = world.addProject({ path: "own", namespace: { kind: "group", id: publisher.id } });
    const foreign = world.addProject({ path: "foreign", namespace: { kind: "group", id: partner.id } });
    world.shareProject(foreign, publisher);
    h = await startGitlabHarness({ world });

    const cityRepos = await h.list("city");
    const regionRepos = await h.list("region");

    expect(cityRepos.map((r) => r.forgeRepoId)).toEqual([String(own.id)]);
    expect(regionRepos.map((r) => r.forgeRepoId)).toEqual([String(foreign.id)]);
  });

  it("reports a project shared into a sibling subgroup once, under its own path", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    const x = world.addGroup("x", top);
    const y = world.addGroup("y", top);
    const project = world.addProject({ path: "tool", namespace: { kind: "group", id: x.id } });
    world.shareProject(project, y);
    h = await startGitlabHarness({ world });

    const repos = await h.list("top");

    expect(repos.map((r) => r.fullPath)).toEqual(["top/x/tool"]);
  });

  it("pages through 250 projects and reports each once, in id order", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("big");
    const ids = Array.from({ length: 250 }, (_, i) =>
      String(world.addProject({ path: `p${i}`, namespace: { kind: "group", id: group.id } }).id),
    );
    h = await startGitlabHarness({ world });

    const repos = await h.list("big");

    expect(repos.map((r) => r.forgeRepoId)).toEqual(ids);
    expect(h.fake.counts.byKind["groups:projects"]).toBe(3);
  });

  it("maps the project's flags: fork with parent URL, archived, internal as private, empty", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("flags");
    const parent = world.addProject({ path: "upstream", namespace: { kind: "group", id: group.id } });
    world.addProject({ path: "fork", namespace: { kind: "group", id: group.id }, forkedFromId: parent.id });
    world.addProject({ path: "old", namespace: { kind: "group", id: group.id }, archived: true });
    world.addProject({ path: "inner", namespace: { kind: "group", id: group.id }, visibility: "internal" });
    world.addProject({ path: "blank", namespace: { kind: "group", id: group.id }, defaultBranch: null });
    h = await startGitlabHarness({ world, tokens: ["secret"] });

    const byPath = new Map((await h.list("flags")).map((r) => [r.fullPath.split("/")[1], r]));

    expect(byPath.get("fork")).toMatchObject({
      isFork: true,
      forkParentUrl: `${h.fake.webUrl}/flags/upstream`,
    });
    expect(byPath.get("upstream")).toMatchObject({ isFork: false, forkParentUrl: null, isPrivate: false });
    expect(byPath.get("old")?.isArchived).toBe(true);
    expect(byPath.get("inner")?.isPrivate).toBe(true);
    expect(byPath.get("blank")).toMatchObject({ isEmpty: true, defaultBranch: null, publiccode: null });
    expect(byPath.get("upstream")?.pushedAt).toMatch(/^2026-/);
  });

  it("keeps listing past a public project whose repository is for members only, reporting it private", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    const closed = world.addProject({
      path: "closed",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": PUBLICCODE },
    });
    world.setRepositoryAccess(closed, "private");
    world.addProject({
      path: "open",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": PUBLICCODE },
    });
    h = await startGitlabHarness({ world });

    const byPath = new Map((await h.list("org")).map((r) => [r.fullPath, r]));

    expect(byPath.get("org/closed")).toMatchObject({ isPrivate: true, publiccode: null });
    expect(byPath.get("org/open")?.publiccode).not.toBeNull();
  });
});
