// The fake must pass for GitLab with gitbeaker exactly as shipped (its own requester, auto-pagination), not only
// with our transport: that is what keeps the fake honest about GitLab's shapes.
import { Groups, Projects, RepositoryFiles } from "@gitbeaker/rest";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitlab, startFakeGitlab } from "../../../support/fake-forge/gitlab/server.ts";
import { FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

describe("fake GitLab with stock gitbeaker", () => {
  let fake: FakeGitlab | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("follows Link headers through every page of a group's projects, subgroups included", async () => {
    const world = new FakeGitlabWorld();
    const top = world.addGroup("top");
    const sub = world.addGroup("sub", top);
    for (let i = 0; i < 45; i++) {
      world.addProject({ path: `p${i}`, namespace: { kind: "group", id: i % 2 ? top.id : sub.id } });
    }
    fake = await startFakeGitlab({ world });
    const groups = new Groups({ host: fake.webUrl });

    const projects = await groups.allProjects("top", { includeSubgroups: true, perPage: 20 });

    expect(projects).toHaveLength(45);
    expect(new Set(projects.map((p) => p.id)).size).toBe(45);
    expect(fake.counts.byKind["groups:projects"]).toBe(3);
  });

  it("shows a project by its full path and a file with base64 content and blob id", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("g");
    const project = world.addProject({
      path: "p",
      namespace: { kind: "group", id: group.id },
      files: { "publiccode.yml": "name: é\n" },
    });
    fake = await startFakeGitlab({ world });

    const shown = await new Projects({ host: fake.webUrl }).show("g/p");
    const file = await new RepositoryFiles({ host: fake.webUrl }).show(project.id, "publiccode.yml", "main");

    expect(shown).toMatchObject({ id: project.id, path_with_namespace: "g/p", default_branch: "main" });
    expect(Buffer.from(file.content, "base64").toString("utf8")).toBe("name: é\n");
    expect(file.blob_id).toMatch(/^[0-9a-f]{40}$/);
  });

  it("answers an unknown project with GitLab's 404 message", async () => {
    fake = await startFakeGitlab({ world: new FakeGitlabWorld() });

    const error = await new Projects({ host: fake.webUrl }).show("no/such").catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "GitbeakerRequestError", message: "404 Project Not Found" });
  });
});
