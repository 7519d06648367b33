// Forks: a repository whose file's `url` names another repository is a technical fork (recorded, not listed
// as software); a variant that declares its own `url` and `isBasedOn` is software of its own, linked to its origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrawlSummary } from "../../../src/services/harvest/index.ts";
import { findSoftwareByUrl } from "../../../src/services/software/index.ts";
import { makePubliccode } from "../../support/factories.ts";
import { readDbState } from "./support/db-state.ts";
import { type GithubHarvest, startGithubHarvest } from "./support/github-harvest.ts";

const gh = (path: string) => `https://github.com/${path}`;

describe("technical forks and variants", () => {
  let h: GithubHarvest;
  let first: CrawlSummary[];
  const upstreamFile = makePubliccode({ url: gh("acme/upstream") });

  beforeAll(async () => {
    h = await startGithubHarvest();
    await h.addPublisher("acme");
    h.world.addRepository("acme/upstream", { files: { "publiccode.yml": upstreamFile } });
    h.world.addRepository("acme/fork", {
      isFork: true,
      parent: "acme/upstream",
      files: { "publiccode.yml": upstreamFile },
    });
    // Not flagged as a fork by the forge, but its file names software the catalogue already holds.
    h.world.addRepository("acme/copy", { files: { "publiccode.yml": upstreamFile } });
    h.world.addRepository("acme/variant", {
      isFork: true,
      parent: "acme/upstream",
      files: {
        "publiccode.yml": makePubliccode({
          url: gh("acme/variant"),
          extra: `isBasedOn: "${gh("acme/upstream")}"\n`,
        }),
      },
    });
    first = await h.crawl();
  });
  afterAll(() => h?.close());

  it("records a fork whose file points at its upstream, without listing it as software", async () => {
    expect(first[0]).toMatchObject({
      error: null,
      repositories: 4,
      filesFound: 4,
      technicalForks: 2,
      created: 2,
    });
    expect(await findSoftwareByUrl({ ctx: h.ctx, input: { url: gh("acme/fork") } })).toBeNull();
    expect(await findSoftwareByUrl({ ctx: h.ctx, input: { url: gh("acme/copy") } })).toBeNull();
    const forkRow = h.handle.sqlite
      .prepare("SELECT is_fork, publiccode_blob_sha FROM repository WHERE url = ?")
      .get(gh("acme/fork")) as { is_fork: number; publiccode_blob_sha: string };
    expect(forkRow).toMatchObject({ is_fork: 1 });
    expect(forkRow.publiccode_blob_sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("keeps the upstream as the one software for that file", async () => {
    const upstream = await findSoftwareByUrl({ ctx: h.ctx, input: { url: gh("acme/upstream") } });
    expect(upstream).toMatchObject({ url: gh("acme/upstream"), state: "active" });
    const count = h.handle.sqlite.prepare("SELECT count(*) AS n FROM software").get() as { n: number };
    expect(count.n).toBe(2);
  });

  it("lists a variant with its own url as its own software, linked to its origin by isBasedOn", async () => {
    const variant = await findSoftwareByUrl({ ctx: h.ctx, input: { url: gh("acme/variant") } });
    expect(variant).toMatchObject({ state: "active", isBasedOn: gh("acme/upstream") });
  });

  it("re-crawls forks without parsing or writing anything", async () => {
    const before = readDbState(h.handle.sqlite);
    const [again] = await h.crawl();
    expect(again).toMatchObject({ unchanged: 4, technicalForks: 0, created: 0, updated: 0 });
    expect(readDbState(h.handle.sqlite).rows).toEqual(before.rows);
  });
});
