import { describe, expect, it } from "vitest";
import { forge, repository } from "../../../src/db/schema/index.ts";
import { listChanges } from "../../../src/services/changes/index.ts";
import { getSoftwareHarvestStatus } from "../../../src/services/harvest-status/index.ts";
import { listLogs } from "../../../src/services/logs/index.ts";
import { searchSoftware } from "../../../src/services/search/index.ts";
import {
  deleteSoftware,
  findSoftwareByUrl,
  recordSoftwareVersion,
  setSoftwareState,
  stateAfterVersion,
} from "../../../src/services/software/index.ts";
import { makeInvalidPubliccode, makePubliccode, uniqueSlug } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

const repoUrl = () => `https://github.com/${uniqueSlug("org")}/${uniqueSlug("repo")}`;

describe("stateAfterVersion", () => {
  it.each([
    {
      name: "first valid",
      current: null,
      valid: true,
      expected: { state: "active", hasPendingInvalid: false, serve: true },
    },
    {
      name: "first invalid",
      current: null,
      valid: false,
      expected: { state: "invalid-pending", hasPendingInvalid: false, serve: false },
    },
    {
      name: "invalid after valid",
      current: { state: "active" as const, serving: true },
      valid: false,
      expected: { state: "active", hasPendingInvalid: true, serve: false },
    },
    {
      name: "valid after invalid-only",
      current: { state: "invalid-pending" as const, serving: false },
      valid: true,
      expected: { state: "active", hasPendingInvalid: false, serve: true },
    },
    {
      name: "valid while suspended",
      current: { state: "suspended" as const, serving: true },
      valid: true,
      expected: { state: "suspended", hasPendingInvalid: false, serve: true },
    },
    {
      name: "invalid while withdrawn",
      current: { state: "withdrawn" as const, serving: true },
      valid: false,
      expected: { state: "withdrawn", hasPendingInvalid: true, serve: false },
    },
    {
      name: "valid after gone",
      current: { state: "gone" as const, serving: true },
      valid: true,
      expected: { state: "active", hasPendingInvalid: false, serve: true },
    },
  ])("$name", ({ current, valid, expected }) => {
    expect(stateAfterVersion(current, valid)).toEqual(expected);
  });
});

describe("recordSoftwareVersion", () => {
  it("creates an active software from a first valid version, with one create change", async () => {
    const { ctx } = createTestStore({ actor: "harvester" });
    const url = repoUrl();
    const result = await recordSoftwareVersion({
      ctx,
      input: { url: `${url}.git`, raw: makePubliccode({ name: "Alpha" }), blobSha: "sha1" },
    });
    expect(result).toMatchObject({ action: "create", recorded: true });
    expect(result.software).toMatchObject({ url, state: "active", name: "Alpha", hasPendingInvalid: false });
    const changes = (await listChanges({ ctx, input: {} })).data;
    expect(changes.map((c) => [c.action, c.actor])).toEqual([["create", "harvester"]]);
    expect(changes[0]!.snapshot).toMatchObject({ name: "Alpha", state: "active" });
  });

  it("keeps serving the last valid document when a newer version is invalid, and flags it", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    const valid = makePubliccode({ name: "Served" });
    await recordSoftwareVersion({ ctx, input: { url, raw: valid, blobSha: "v1" } });
    const result = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makeInvalidPubliccode(), blobSha: "v2" },
    });
    expect(result.software).toMatchObject({
      state: "active",
      hasPendingInvalid: true,
      name: "Served",
      publiccodeYml: valid,
    });
    const hits = await searchSoftware({ ctx, input: { q: "Served" } });
    expect(hits.data.map((h) => h.id)).toEqual([result.software.id]);
  });

  it("records an invalid-only software as invalid-pending, out of search and listings", async () => {
    const { ctx } = createTestStore();
    const result = await recordSoftwareVersion({
      ctx,
      input: { url: repoUrl(), raw: makeInvalidPubliccode(), blobSha: "bad" },
    });
    expect(result.software).toMatchObject({ state: "invalid-pending", document: null, publiccodeYml: null });
    expect((await searchSoftware({ ctx, input: {} })).total).toBe(0);
  });

  it("serves a later valid version and clears the pending flag", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    await recordSoftwareVersion({ ctx, input: { url, raw: makePubliccode({ name: "One" }), blobSha: "1" } });
    await recordSoftwareVersion({ ctx, input: { url, raw: makeInvalidPubliccode(), blobSha: "2" } });
    const result = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makePubliccode({ name: "Three" }), blobSha: "3" },
    });
    expect(result.software).toMatchObject({ state: "active", hasPendingInvalid: false, name: "Three" });
  });

  it("is a no-op with no change row when the blob sha is unchanged", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    const raw = makePubliccode();
    await recordSoftwareVersion({ ctx, input: { url, raw, blobSha: "same" } });
    const before = (await listChanges({ ctx, input: {} })).lastSeq;
    const again = await recordSoftwareVersion({ ctx, input: { url, raw, blobSha: "same" } });
    expect(again).toMatchObject({ action: "none", recorded: false });
    expect((await listChanges({ ctx, input: {} })).lastSeq).toBe(before);
  });

  it("brings a gone software back when its repository reappears with the same blob", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    const raw = makePubliccode();
    const { software } = await recordSoftwareVersion({ ctx, input: { url, raw, blobSha: "s" } });
    await setSoftwareState({ ctx, input: { id: software.id, state: "gone", reason: "repository deleted" } });
    const back = await recordSoftwareVersion({ ctx, input: { url, raw, blobSha: "s" } });
    expect(back.software.state).toBe("active");
  });

  it("never lifts a suspension", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    const { software } = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makePubliccode(), blobSha: "a" },
    });
    await setSoftwareState({ ctx, input: { id: software.id, state: "suspended", reason: "spam" } });
    const next = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makePubliccode({ name: "New" }), blobSha: "b" },
    });
    expect(next.software).toMatchObject({ state: "suspended", name: "New" });
    expect((await searchSoftware({ ctx, input: { q: "New" } })).total).toBe(0);
  });

  it("follows a renamed repository by its repository id and keeps the old URL as an alias", async () => {
    const { ctx } = createTestStore();
    const oldUrl = repoUrl();
    const newUrl = repoUrl();
    const now = ctx.clock.now();
    ctx.db
      .insert(forge)
      .values({
        id: "f1",
        kind: "github",
        host: "github.com",
        webUrl: "https://github.com",
        apiUrl: "https://api.github.com",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    ctx.db
      .insert(repository)
      .values({ id: "r1", forgeId: "f1", forgeRepoId: "12345", url: oldUrl, createdAt: now, updatedAt: now })
      .run();
    const first = await recordSoftwareVersion({
      ctx,
      input: { url: oldUrl, raw: makePubliccode(), blobSha: "a", repositoryId: "r1" },
    });
    const moved = await recordSoftwareVersion({
      ctx,
      input: { url: newUrl, raw: makePubliccode(), blobSha: "b", repositoryId: "r1" },
    });
    expect(moved.software).toMatchObject({ id: first.software.id, url: newUrl, aliases: [oldUrl] });
    expect((await findSoftwareByUrl({ ctx, input: { url: oldUrl } }))?.id).toBe(first.software.id);
  });

  it("finds a software by any alias or spelling of its URL, in every state", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    const { software } = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makePubliccode(), blobSha: "a" },
    });
    await deleteSoftware({ ctx, input: { id: software.id } });
    const found = await findSoftwareByUrl({ ctx, input: { url: `${url.replace("https", "http")}.git/` } });
    expect(found).toMatchObject({ id: software.id, state: "withdrawn" });
  });

  it("writes a log line per recorded version", async () => {
    const { ctx } = createTestStore();
    const { software } = await recordSoftwareVersion({
      ctx,
      input: { url: repoUrl(), raw: makeInvalidPubliccode(), blobSha: "x1" },
    });
    const logs = await listLogs({ ctx, input: { softwareId: software.id } });
    expect(logs.data[0]?.message).toMatch(/x1: invalid \(\d+ errors\), not served/);
  });
});

describe("getSoftwareHarvestStatus", () => {
  it("reports the latest invalid version's errors with positions and why the valid one is served", async () => {
    const { ctx } = createTestStore();
    const url = repoUrl();
    await recordSoftwareVersion({
      ctx,
      input: { url, raw: makePubliccode(), blobSha: "good", forgeStatus: "200" },
    });
    const { software } = await recordSoftwareVersion({
      ctx,
      input: { url, raw: makeInvalidPubliccode(), blobSha: "bad", forgeStatus: "200" },
    });
    const status = await getSoftwareHarvestStatus({ ctx, input: { id: software.id } });
    expect(status).toMatchObject({
      state: "active",
      hasPendingInvalid: true,
      forgeAnswer: "200",
      latestVersion: { blobSha: "bad", valid: false },
      servedVersion: { blobSha: "good" },
    });
    expect(status.servedBecause).toMatch(/last valid version is served/);
    expect(status.errors.length).toBeGreaterThan(0);
    expect(status.errors.find((e) => e.key === "platforms")).toMatchObject({ line: 3, column: 1 });
  });
});
