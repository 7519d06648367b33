import { afterEach, describe, expect, it } from "vitest";
import {
  type GitlabHarness,
  startGitlabHarness,
  toKnown,
} from "../../../support/fake-forge/gitlab/harness.ts";
import { FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

function buildWorld(withFile: number, withoutFile: number) {
  const world = new FakeGitlabWorld();
  const group = world.addGroup("org");
  const ns = { kind: "group" as const, id: group.id };
  const filed = Array.from({ length: withFile }, (_, i) =>
    world.addProject({ path: `with-${i}`, namespace: ns, files: { "publiccode.yml": `name: app${i}\n` } }),
  );
  const bare = Array.from({ length: withoutFile }, (_, i) =>
    world.addProject({ path: `without-${i}`, namespace: ns, files: { "README.md": "hi" } }),
  );
  return { world, filed, bare };
}

const HOUR = 60 * 60_000;

/** A crawl some hours after the world last changed, as scheduled crawls are; returns what it saw and when. */
async function crawlLater(h: GitlabHarness, world: FakeGitlabWorld) {
  world.advance(2 * HOUR);
  return { repos: await h.list("org"), checkedAt: world.now() };
}

describe("GitLab client: request costs", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("costs one HEAD per project without the file and one HEAD plus one GET per project with it", async () => {
    const { world } = buildWorld(3, 5);
    h = await startGitlabHarness({ world });

    const repos = await h.list("org");

    expect(repos.filter((r) => r.publiccode)).toHaveLength(3);
    expect(h.fake.counts.byKind).toEqual({
      "groups:show": 1,
      "groups:projects": 1,
      "files:head": 8,
      "files:get": 3,
    });
    expect(h.client.requestCount()).toBe(13);
  });

  it("costs nothing per project for an empty repository", async () => {
    const world = new FakeGitlabWorld();
    const group = world.addGroup("org");
    world.addProject({ path: "empty", namespace: { kind: "group", id: group.id }, defaultBranch: null });
    h = await startGitlabHarness({ world });

    await h.list("org");

    expect(h.fake.counts.byKind).toEqual({ "groups:show": 1, "groups:projects": 1 });
  });

  it("re-crawls an unchanged world with `known` for the listing requests only", async () => {
    const { world } = buildWorld(120, 90);
    h = await startGitlabHarness({ world });
    const { repos: first, checkedAt } = await crawlLater(h, world);
    h.fake.resetCounts();

    const second = await h.list("org", { known: toKnown(first, checkedAt) });

    expect(h.fake.counts.byKind).toEqual({ "groups:show": 1, "groups:projects": 3 });
    expect(second).toHaveLength(210);
    expect(second.every((r) => r.publiccodeNotModified)).toBe(true);
    const sample = second.find((r) => r.fullPath === "org/with-0");
    expect(sample?.publiccode?.blobSha).toBe(
      first.find((r) => r.fullPath === "org/with-0")?.publiccode?.blobSha,
    );
  });

  it("after activity that left the file alone, checks the blob with a HEAD and skips the GET", async () => {
    const { world, filed } = buildWorld(2, 0);
    h = await startGitlabHarness({ world });
    const { repos: first, checkedAt } = await crawlLater(h, world);
    world.touch(filed[0]!);
    h.fake.resetCounts();

    const second = await h.list("org", { known: toKnown(first, checkedAt) });

    expect(h.fake.counts.byKind["files:head"]).toBe(1);
    expect(h.fake.counts.byKind["files:get"]).toBeUndefined();
    expect(second.find((r) => r.forgeRepoId === String(filed[0]!.id))).toMatchObject({
      publiccodeNotModified: true,
    });
  });

  it("downloads a changed file once and reports its new bytes and blob id", async () => {
    const { world, filed } = buildWorld(2, 1);
    h = await startGitlabHarness({ world });
    const { repos: first, checkedAt } = await crawlLater(h, world);
    world.pushFile(filed[1]!, "publiccode.yml", "name: changed\n");
    h.fake.resetCounts();

    const second = await h.list("org", { known: toKnown(first, checkedAt) });

    const changed = second.find((r) => r.forgeRepoId === String(filed[1]!.id));
    expect(changed?.publiccodeNotModified).toBeUndefined();
    expect(new TextDecoder().decode(changed?.publiccode?.bytes)).toBe("name: changed\n");
    expect(changed?.publiccode?.blobSha).not.toBe(
      first.find((r) => r.forgeRepoId === changed?.forgeRepoId)?.publiccode?.blobSha,
    );
    expect(h.fake.counts.byKind).toMatchObject({ "files:head": 1, "files:get": 1 });
  });

  it("reports a file added to a project known without one", async () => {
    const { world, bare } = buildWorld(0, 1);
    h = await startGitlabHarness({ world });
    const { repos: first, checkedAt } = await crawlLater(h, world);
    world.pushFile(bare[0]!, "publiccode.yml", "name: new\n");

    const second = await h.list("org", { known: toKnown(first, checkedAt) });

    expect(first[0]?.publiccode).toBeNull();
    expect(new TextDecoder().decode(second[0]?.publiccode?.bytes)).toBe("name: new\n");
  });

  it("checks the blob when the last crawl came within GitLab's activity hour, and finds a push made then", async () => {
    const { world, filed } = buildWorld(1, 0);
    world.stepMs = 10 * 60_000;
    h = await startGitlabHarness({ world });
    world.advance(10 * 60_000);
    const first = await h.list("org");
    const checkedAt = world.now();
    world.pushFile(filed[0]!, "publiccode.yml", "name: pushed within the hour\n");

    const second = await h.list("org", { known: toKnown(first, checkedAt) });

    // GitLab left last_activity_at alone (the activity was under an hour old), yet the new file is found.
    expect(second[0]?.pushedAt).toBe(first[0]?.pushedAt);
    expect(new TextDecoder().decode(second[0]?.publiccode?.bytes)).toBe("name: pushed within the hour\n");
  });

  it("without a check time in `known`, checks every blob with one HEAD and downloads nothing unchanged", async () => {
    const { world } = buildWorld(3, 2);
    h = await startGitlabHarness({ world });
    const { repos: first } = await crawlLater(h, world);
    const known = new Map(
      [...(toKnown(first, world.now()) ?? new Map())].map(([id, k]) => [id, { ...k, checkedAt: null }]),
    );
    h.fake.resetCounts();

    await h.list("org", { known });

    expect(h.fake.counts.byKind).toEqual({ "groups:show": 1, "groups:projects": 1, "files:head": 5 });
  });
});
