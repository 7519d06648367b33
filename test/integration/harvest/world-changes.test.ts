// Every kind of change between two crawls of a small GitHub world, each picked up with the right lifecycle
// state, visible on the software (state + stateReason) and in the change log, never silently dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeRow } from "../../../src/db/schema/index.ts";
import { listChanges } from "../../../src/services/changes/index.ts";
import type { CrawlSummary } from "../../../src/services/harvest/index.ts";
import { findSoftwareByUrl, type Software } from "../../../src/services/software/index.ts";
import { makePubliccode } from "../../support/factories.ts";
import { type GithubHarvest, startGithubHarvest } from "./support/github-harvest.ts";

const gh = (path: string) => `https://github.com/${path}`;
const file = (path: string, extra = "") => makePubliccode({ url: gh(path), extra });
const NAMES = [
  "stable",
  "changed",
  "broken",
  "renamed",
  "moving",
  "leaving",
  "deleted",
  "archived",
  "emptied",
];

describe("a re-crawl after every kind of change", () => {
  let h: GithubHarvest;
  let acme: { publisherId: string; sourceId: string };
  let beta: { publisherId: string; sourceId: string };
  const before = new Map<string, Software>();
  let lastSeq = 0;
  let second: CrawlSummary[];
  let changes: ChangeRow[];

  const find = async (path: string) => (await findSoftwareByUrl({ ctx: h.ctx, input: { url: gh(path) } }))!;

  beforeAll(async () => {
    h = await startGithubHarvest();
    acme = await h.addPublisher("acme");
    beta = await h.addPublisher("beta");
    h.world.addOwner("elsewhere");
    for (const name of NAMES)
      h.world.addRepository(`acme/${name}`, { files: { "publiccode.yml": file(`acme/${name}`) } });
    h.world.addRepository("acme/newcomer", { files: { "README.md": "# soon\n" } });
    await h.crawl();
    for (const name of NAMES) before.set(name, await find(`acme/${name}`));
    lastSeq = (await listChanges({ ctx: h.ctx, input: { limit: 1000 } })).lastSeq;

    h.world.setFile("acme/newcomer", "publiccode.yml", file("acme/newcomer"));
    h.world.setFile("acme/changed", "publiccode.yml", file("acme/changed", 'releaseDate: "2026-05-01"\n'));
    h.world.setFile("acme/broken", "publiccode.yml", "publiccodeYmlVersion: [unterminated\n");
    h.world.rename("acme/renamed", "renamed-again");
    h.world.transfer("acme/moving", "beta");
    h.world.transfer("acme/leaving", "elsewhere");
    h.world.deleteRepository("acme/deleted");
    h.world.archive("acme/archived");
    h.world.removeFile("acme/emptied", "publiccode.yml");
    second = await h.crawl();
    changes = (await listChanges({ ctx: h.ctx, input: { afterSeq: lastSeq, limit: 1000 } })).data;
  });
  afterAll(() => h?.close());

  const changeOf = (id: string) => changes.filter((c) => c.entityType === "software" && c.entityId === id);

  it("completes both sources without an error", () => {
    expect(second.map((s) => s.error)).toEqual([null, null]);
  });

  it("creates the software of a file that appeared", async () => {
    const created = await find("acme/newcomer");
    expect(created).toMatchObject({ state: "active", publisherId: acme.publisherId });
    expect(changeOf(created.id).map((c) => c.action)).toEqual(["create"]);
  });

  it("records a changed file as a new version of the same software", async () => {
    const now = await find("acme/changed");
    expect(now.id).toBe(before.get("changed")!.id);
    expect(now.servedVersionId).not.toBe(before.get("changed")!.servedVersionId);
    expect(changeOf(now.id).map((c) => c.action)).toEqual(["update"]);
  });

  it("keeps serving the valid version when an invalid one arrives, and flags it", async () => {
    const now = await find("acme/broken");
    expect(now).toMatchObject({ state: "active", hasPendingInvalid: true });
    expect(now.servedVersionId).toBe(before.get("broken")!.servedVersionId);
    expect(now.publiccodeYml).toBe(before.get("broken")!.publiccodeYml);
    expect(second[0]!.invalid).toBe(1);
    const results = h.handle.sqlite
      .prepare(
        "SELECT count(*) AS n FROM validation_result v JOIN software_version sv ON sv.id = v.version_id WHERE sv.software_id = ?",
      )
      .get(now.id) as { n: number };
    expect(results.n).toBeGreaterThan(0);
  });

  it("follows a rename by forge id: same software, new URL, old URL kept as an alias", async () => {
    const now = await find("acme/renamed-again");
    expect(now.id).toBe(before.get("renamed")!.id);
    expect(now.url).toBe(gh("acme/renamed-again"));
    expect(now.aliases).toContain(gh("acme/renamed"));
    expect(now.state).toBe("active");
  });

  it("hands a repository transferred to another registered organisation over to that publisher", async () => {
    const now = await find("beta/moving");
    expect(now).toMatchObject({
      id: before.get("moving")!.id,
      publisherId: beta.publisherId,
      state: "active",
    });
    expect(now.aliases).toContain(gh("acme/moving"));
    // One step: the software never passes through left-publisher.
    expect(changeOf(now.id).map((c) => (c.snapshot as { state: string }).state)).toEqual(["active"]);
  });

  it.each([
    { name: "leaving", state: "left-publisher", reason: /moved to https:\/\/github.com\/elsewhere\/leaving/ },
    { name: "deleted", state: "gone", reason: /deleted/ },
    { name: "archived", state: "archived", reason: /archived/ },
    { name: "emptied", state: "file-removed", reason: /removed/ },
  ])(
    "ends $name as $state with its reason, in the API and in the change log",
    async ({ name, state, reason }) => {
      const id = before.get(name)!.id;
      const now = (await find(`acme/${name}`)) ?? null;
      expect(now).toMatchObject({ id, state });
      expect(now!.stateReason).toMatch(reason);
      const rows = changeOf(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.snapshot).toMatchObject({ id, state, stateReason: now!.stateReason });
      expect(rows[0]!.reason).toMatch(reason);
    },
  );

  it("settles: a third crawl of the changed world writes nothing and re-scans no ended repository", async () => {
    const rows = () =>
      ["software", "repository", "change", "software_version", "software_alias"].map((t) =>
        h.handle.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all(),
      );
    const before = rows();
    h.fake.resetCounts();
    const third = await h.crawl();
    expect(rows()).toEqual(before);
    expect(third.every((s) => s.created + s.updated + s.ended === 0)).toBe(true);
    // One listing request per organisation: the deleted and departed repositories are no longer asked about.
    expect(h.fake.counts.total).toBe(2);
  });

  it("leaves the unchanged repository alone: no change row", () => {
    expect(changeOf(before.get("stable")!.id)).toEqual([]);
    expect(second[0]!.unchanged).toBeGreaterThanOrEqual(1);
  });
});
