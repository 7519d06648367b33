import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { federationRecordSchema } from "../../../schemas/federation/record.ts";
import { change, federationRecord, peer, publisher, software } from "../../../src/db/schema/index.ts";
import { verifyRecord } from "../../../src/federation/verify.ts";
import { silentLogger } from "../../../src/logger.ts";
import { createCompactionScheduler } from "../../../src/runtime/start-compaction.ts";
import { compactChangeLog, compactionHorizon } from "../../../src/services/federation/index.ts";
import { deletePublisher } from "../../../src/services/publishers/index.ts";
import { deleteSoftware, updateSoftware } from "../../../src/services/software/index.ts";
import { makePubliccode } from "../../support/factories.ts";
import { startCatalogue, type TestCatalogue } from "./support.ts";

const DAY = 86_400_000;

function compact(c: TestCatalogue) {
  return compactChangeLog(c.ctx, { selfCatalogueId: c.id, retentionDays: 90 });
}
function entries(c: TestCatalogue) {
  return c.handle.db
    .select({ seq: change.seq, entityId: change.entityId, action: change.action })
    .from(change)
    .orderBy(asc(change.seq))
    .all();
}
async function page(c: TestCatalogue, kind: "changes" | "snapshot", cursor?: string, limit = 100) {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await fetch(`${c.url}/federation/v1/${kind}?${query}`);
  return { res, body: (await res.json()) as Record<string, unknown> };
}
async function rename(c: TestCatalogue, s: { id: string; url: string }, name: string) {
  await updateSoftware({
    ctx: c.ctx,
    input: { id: s.id, patch: { publiccodeYml: makePubliccode({ url: s.url, name }) } },
  });
}

describe("change-log compaction", () => {
  it("deletes superseded entries and tombstones older than the retention, never the latest entry of a live record", async () => {
    const a = await startCatalogue("a.test");
    const [one, two, three] = [await a.createSoftware(), await a.createSoftware(), await a.createSoftware()];
    a.clock.advance(1000);
    await rename(a, one, "Renamed");
    await deleteSoftware({ ctx: a.ctx, input: { id: two.id } });
    const before = entries(a);
    a.clock.advance(91 * DAY);
    const recent = await a.createSoftware();
    await rename(a, three, "Renamed lately");

    const result = compact(a);
    const gone = before.filter(
      (e) =>
        e.entityId === two.id || (e.entityId === one.id && e.action === "create") || e.entityId === three.id,
    );
    // three's creation is superseded too (by a recent entry): superseded entries go by their own age.
    expect(result).toMatchObject({ removed: gone.length, horizonSeq: Math.max(...gone.map((e) => e.seq)) });
    expect(entries(a).map((e) => e.entityId)).toEqual([one.id, recent.id, three.id]);
    // Live records are all still in the feed, each in its latest version.
    const feed = await page(a, "changes");
    expect((feed.body.records as { id: string }[]).map((r) => r.id)).toEqual([one.id, recent.id, three.id]);
  });

  it("keeps everything younger than the retention, and a second run deletes nothing more", async () => {
    const a = await startCatalogue("a.test");
    const one = await a.createSoftware();
    await deleteSoftware({ ctx: a.ctx, input: { id: one.id } });
    a.clock.advance(89 * DAY);
    expect(compact(a)).toMatchObject({ removed: 0, horizonSeq: 0 });
    a.clock.advance(2 * DAY);
    expect(compact(a)).toMatchObject({ removed: 2 });
    expect(compact(a)).toMatchObject({ removed: 0, horizonSeq: compactionHorizon(a.handle.db) });
    expect(entries(a)).toEqual([]);
  });

  it("answers 410 problem+json cursor-expired to a changes cursor before the horizon; the snapshot and later cursors keep working", async () => {
    const a = await startCatalogue("a.test");
    const one = await a.createSoftware();
    const two = await a.createSoftware();
    const stale = (await page(a, "changes", undefined, 1)).body.nextCursor as string;
    await deleteSoftware({ ctx: a.ctx, input: { id: two.id } });
    const head = (await page(a, "changes")).body.nextCursor as string;
    a.clock.advance(91 * DAY);
    expect(compact(a).removed).toBe(2);

    const expired = await page(a, "changes", stale);
    expect(expired.res.status).toBe(410);
    expect(expired.res.headers.get("content-type")).toContain("application/problem+json");
    expect(expired.body).toMatchObject({ status: 410, code: "cursor-expired" });
    expect((await page(a, "changes", head)).res.status).toBe(200);
    // No cursor at all: from the start, which holds every live record.
    expect(((await page(a, "changes")).body.records as { id: string }[]).map((r) => r.id)).toEqual([one.id]);
    const snapshot = await page(a, "snapshot");
    expect(snapshot.res.status).toBe(200);
    expect((snapshot.body.records as { id: string }[]).map((r) => r.id)).toEqual([one.id]);
    expect((await page(a, "changes", snapshot.body.changesCursor as string)).res.status).toBe(200);
  });

  it("gives a snapshot whose changesCursor is not expired even when the newest entries were compacted", async () => {
    const a = await startCatalogue("a.test");
    const one = await a.createSoftware();
    await deleteSoftware({ ctx: a.ctx, input: { id: one.id } });
    a.clock.advance(91 * DAY);
    compact(a);
    const snapshot = await page(a, "snapshot");
    expect(snapshot.body.records).toEqual([]);
    expect((await page(a, "changes", snapshot.body.changesCursor as string)).res.status).toBe(200);
  });

  it("keeps the origin-signed record a curated relayed copy still serves and competes with", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const one = await a.createSoftware({ name: "Original" });
    const peerId = await b.follow(a);
    await b.sync(peerId);
    const copy = b.handle.db.select().from(software).where(eq(software.originSoftwareId, one.id)).get()!;
    // A curation on B: a change of B's own, serving A's stored record.
    await updateSoftware({
      ctx: b.ctx,
      input: { id: copy.id, patch: { overrides: { description: { en: { shortDescription: "Curated" } } } } },
    });
    const latest = entries(b).at(-1)!.seq;
    b.clock.advance(91 * DAY);
    expect(compact(b)).toMatchObject({ removed: 1, relocated: 1 });
    expect(b.handle.db.select({ seq: federationRecord.seq }).from(federationRecord).all()).toEqual([
      { seq: latest },
    ]);

    const served = (await page(b, "changes")).body.records as unknown[];
    expect(served).toHaveLength(1);
    const record = federationRecordSchema.parse(served[0]);
    expect(record).toMatchObject({ id: one.id, provenance: { relayedBy: ["b.test"] } });
    const keys = { keys: a.settings.publicKeys };
    expect(await verifyRecord(record, { resolveOriginKeys: async () => keys })).toMatchObject({ ok: true });

    // The conflict rules still know which version B holds: the same version again is not newer.
    b.handle.db.update(peer).set({ phase: "snapshot", cursor: null }).run();
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 0, skipped: 1 });
  });

  it("restarts a peer whose cursor is older than the horizon from the snapshot, and it ends equal", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher();
    const gonePub = await a.createPublisher();
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await a.createSoftware({ publisherId: pub.id }));
    const peerId = await b.follow(a);
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 6 });

    a.clock.advance(1000);
    await rename(a, made[0]!, "Changed on A");
    await deleteSoftware({ ctx: a.ctx, input: { id: made[1]!.id } });
    await deletePublisher({ ctx: a.ctx, input: { id: gonePub.id } });
    const added = await a.createSoftware({ publisherId: pub.id });
    a.clock.advance(91 * DAY);
    expect(compact(a).horizonSeq).toBeGreaterThan(0);

    const refused = await b.sync(peerId);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.error).toMatch(/cursor expired/);
    expect(b.handle.db.select().from(peer).get()).toMatchObject({ phase: "snapshot", resyncPending: true });

    expect(await b.sync(peerId)).toMatchObject({ ok: true });
    expect(b.handle.db.select().from(peer).get()).toMatchObject({ phase: "changes", resyncPending: false });
    const liveOnA = a.handle.db.select().from(software).where(eq(software.state, "active")).all();
    const liveOnB = b.handle.db.select().from(software).where(eq(software.state, "active")).all();
    expect(liveOnB.map((r) => r.originSoftwareId).sort()).toEqual(liveOnA.map((r) => r.id).sort());
    expect(liveOnA.map((r) => r.id).sort()).toEqual([made[0]!.id, made[2]!.id, made[3]!.id, added.id].sort());
    const documents = (rows: typeof liveOnA) => rows.map((r) => JSON.stringify([r.url, r.document])).sort();
    expect(documents(liveOnB)).toEqual(documents(liveOnA));
    const pubsOnB = b.handle.db.select().from(publisher).all();
    expect(pubsOnB.map((p) => p.originPublisherId)).toEqual([pub.id]);
    expect(liveOnB.every((r) => r.publisherId === pubsOnB[0]!.id)).toBe(true);
    // The copy whose deletion B never saw is withdrawn, not left live.
    const missed = b.handle.db
      .select()
      .from(software)
      .where(eq(software.originSoftwareId, made[1]!.id))
      .get();
    expect(missed?.state).toBe("withdrawn");
  });

  it("a resync withdraws only copies that came from the peer that expired the cursor", async () => {
    const a = await startCatalogue("a.test");
    const x = await startCatalogue("x.test");
    const b = await startCatalogue("b.test");
    const fromA = await a.createSoftware();
    const fromX = await x.createSoftware();
    const peerA = await b.follow(a);
    await b.sync(peerA);
    await b.sync(await b.follow(x));
    a.clock.advance(1000);
    await deleteSoftware({ ctx: a.ctx, input: { id: fromA.id } });
    await a.createSoftware(); // A's head moves past B's cursor
    a.clock.advance(91 * DAY);
    compact(a);
    expect(await b.sync(peerA)).toMatchObject({ ok: false });
    expect(await b.sync(peerA)).toMatchObject({ ok: true });
    const state = (originId: string) =>
      b.handle.db.select().from(software).where(eq(software.originSoftwareId, originId)).get()?.state;
    expect(state(fromA.id)).toBe("withdrawn");
    expect(state(fromX.id)).toBe("active");
  });

  it("serve's schedule compacts once per interval, from the run recorded in the database", async () => {
    const a = await startCatalogue("a.test");
    const one = await a.createSoftware();
    await deleteSoftware({ ctx: a.ctx, input: { id: one.id } });
    let settings: typeof a.settings | null = null;
    const scheduler = createCompactionScheduler({
      ctx: a.ctx,
      tickMs: 60_000,
      intervalMs: DAY,
      settings: () => settings,
      logger: silentLogger,
      prefix: "test",
      clock: a.clock,
    });
    expect(await scheduler.tick()).toBeNull(); // identity not known yet
    settings = a.settings;
    a.clock.advance(91 * DAY);
    expect(await scheduler.tick()).toMatchObject({ removed: 2 });
    const again = await a.createSoftware();
    await deleteSoftware({ ctx: a.ctx, input: { id: again.id } });
    a.clock.advance(DAY - 1);
    expect(await scheduler.tick()).toBeNull();
    a.clock.advance(90 * DAY);
    expect(await scheduler.tick()).toMatchObject({ removed: 2 });
    await scheduler.close();
  });
});
