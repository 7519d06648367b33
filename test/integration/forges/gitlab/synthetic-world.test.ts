import { afterEach, describe, expect, it } from "vitest";
import {
  collect,
  type GitlabHarness,
  startGitlabHarness,
  toKnown,
} from "../../../support/fake-forge/gitlab/harness.ts";
import { buildSyntheticGitlabWorld } from "../../../support/fake-forge/gitlab/synthetic-world.ts";

describe("synthetic GitLab world", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("builds the same world from the same seed", () => {
    const options = { topGroups: 2, depth: 2, projectsPerGroup: 10, fileRatio: 0.5, seed: 3 };
    const files = (w: ReturnType<typeof buildSyntheticGitlabWorld>) =>
      [...w.projects.values()].filter((p) => p.files.size > 0).map((p) => w.projectFullPath(p));

    const a = buildSyntheticGitlabWorld(options);
    const b = buildSyntheticGitlabWorld(options);

    expect(a.projects.size).toBe(20);
    expect(a.groups.size).toBe(6);
    expect(files(a)).toEqual(files(b));
  });

  it("crawls an instance of 3 groups × 3 levels × 150 projects, then re-crawls it for the listing pages only", async () => {
    const world = buildSyntheticGitlabWorld({
      topGroups: 3,
      depth: 2,
      projectsPerGroup: 150,
      fileRatio: 0.2,
      seed: 9,
    });
    const withFile = [...world.projects.values()].filter((p) => p.files.size > 0).length;
    h = await startGitlabHarness({ world, client: { concurrency: 8 } });

    world.advance(2 * 60 * 60_000);
    const first = await collect(h.client.listSource(`${h.fake.webUrl}/`));
    const checkedAt = world.now();
    const firstCost = h.fake.counts.total;
    h.fake.resetCounts();
    const second = await collect(
      h.client.listSource(`${h.fake.webUrl}/`, { known: toKnown(first, checkedAt) }),
    );

    expect(new Set(first.map((r) => r.forgeRepoId)).size).toBe(450);
    expect(first.filter((r) => r.publiccode)).toHaveLength(withFile);
    // 1 group listing + 3 × 2 project pages + one HEAD per project + one GET per file.
    expect(firstCost).toBe(1 + 6 + 450 + withFile);
    expect(second).toHaveLength(450);
    expect(h.fake.counts.total).toBe(1 + 6);
  });
});
