import { afterEach, describe, expect, it } from "vitest";
import { ForgeError } from "../../../../src/forges/types.ts";
import {
  collect,
  type GitlabHarness,
  startGitlabHarness,
} from "../../../support/fake-forge/gitlab/harness.ts";
import { FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

describe("GitLab client: instance, user and project sources", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists every top-level group's projects once from the instance root", async () => {
    const world = new FakeGitlabWorld();
    const a = world.addGroup("a");
    const b = world.addGroup("b");
    const bSub = world.addGroup("inner", b);
    const pa = world.addProject({ path: "one", namespace: { kind: "group", id: a.id } });
    const pb = world.addProject({ path: "two", namespace: { kind: "group", id: bSub.id } });
    world.shareProject(pa, b);
    const user = world.addUser("someone");
    world.addProject({ path: "personal", namespace: { kind: "user", id: user.id } });
    h = await startGitlabHarness({ world });

    const repos = await collect(h.client.listSource(`${h.fake.webUrl}/`));

    expect(repos.map((r) => r.forgeRepoId).sort()).toEqual([String(pa.id), String(pb.id)].sort());
    expect(h.fake.counts.byKind["groups:list"]).toBe(1);
  });

  it("skips a top-level group deleted between the group listing and its projects", async () => {
    const world = new FakeGitlabWorld();
    const gone = world.addGroup("gone");
    const kept = world.addGroup("kept");
    world.addProject({ path: "lost", namespace: { kind: "group", id: gone.id } });
    const survivor = world.addProject({ path: "stays", namespace: { kind: "group", id: kept.id } });
    h = await startGitlabHarness({
      world,
      onRequest: (req) => {
        if (req.kind === "groups:projects" && world.groups.has(gone.id)) world.deleteGroup(gone);
      },
    });

    const repos = await collect(h.client.listSource(`${h.fake.webUrl}/`));

    expect(repos.map((r) => r.forgeRepoId)).toEqual([String(survivor.id)]);
  });

  it("lists a user namespace after the group lookup answers 404", async () => {
    const world = new FakeGitlabWorld();
    const user = world.addUser("jdoe");
    const project = world.addProject({ path: "tool", namespace: { kind: "user", id: user.id } });
    h = await startGitlabHarness({ world });

    const repos = await h.list("jdoe");

    expect(repos).toMatchObject([{ forgeRepoId: String(project.id), fullPath: "jdoe/tool" }]);
    expect(h.fake.counts.byKind).toMatchObject({ "groups:show": 1, "users:search": 1, "users:projects": 1 });
    expect(h.fake.counts.byKind["projects:show"]).toBeUndefined();
  });

  it("treats a project URL (even a tree page of it) as a single-project source", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("group");
    const sub = world.addGroup("sub", top);
    const project = world.addProject({
      path: "project",
      namespace: { kind: "group", id: sub.id },
      files: { "publiccode.yml": "name: x\n" },
    });
    world.addProject({ path: "sibling", namespace: { kind: "group", id: sub.id } });
    h = await startGitlabHarness({ world });

    const repos = await h.list("group/sub/project/-/tree/main");

    expect(repos).toHaveLength(1);
    expect(repos[0]).toMatchObject({
      forgeRepoId: String(project.id),
      url: `${h.fake.webUrl}/group/sub/project`,
    });
    expect(repos[0]?.publiccode?.blobSha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("fails with a non-retryable 404 ForgeError when nothing exists at the path", async () => {
    h = await startGitlabHarness({ world: new FakeGitlabWorld() });

    const error = await h.list("nobody/nothing").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ForgeError);
    expect(error).toMatchObject({ retry: false, status: 404 });
  });

  it("refuses a source URL on another host", async () => {
    h = await startGitlabHarness({ world: new FakeGitlabWorld() });

    const error = await collect(h.client.listSource("https://gitlab.com/some-group")).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: "ForgeError", retry: false });
    expect(h.fake.counts.total).toBe(0);
  });

  it("scans one repository by URL or by project id, and answers null for an unknown one", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    const project = world.addProject({ path: "p", namespace: { kind: "group", id: group.id } });
    h = await startGitlabHarness({ world });

    const byUrl = await h.client.scanRepository(`${h.fake.webUrl}/g/p`);
    const byId = await h.client.scanRepository(String(project.id));
    const missing = await h.client.scanRepository(`${h.fake.webUrl}/g/missing`);

    expect(byUrl?.forgeRepoId).toBe(String(project.id));
    expect(byId?.fullPath).toBe("g/p");
    expect(missing).toBeNull();
  });

  it("sends the token as PRIVATE-TOKEN and sees internal projects with it", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    world.addProject({ path: "open", namespace: { kind: "group", id: group.id } });
    world.addProject({ path: "staff", namespace: { kind: "group", id: group.id }, visibility: "internal" });
    h = await startGitlabHarness({ world, tokens: ["tok"] });

    const repos = await h.list("g");

    expect(repos.map((r) => r.fullPath).sort()).toEqual(["g/open", "g/staff"]);
  });
});
