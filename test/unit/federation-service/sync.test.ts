import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { change, federationRecord, peer, software } from "../../../src/db/schema/index.ts";
import { safeFetch } from "../../../src/net/safe-fetch.ts";
import type { PeerFetch } from "../../../src/services/federation/peer-http.ts";
import { deleteSoftware, getSoftware, updateSoftware } from "../../../src/services/software/index.ts";
import { makePubliccode } from "../../support/factories.ts";
import { startCatalogue, type TestCatalogue } from "./support.ts";

function softwareRows(c: TestCatalogue) {
  return c.handle.db.select().from(software).all();
}
function rowByOrigin(c: TestCatalogue, originId: string) {
  return c.handle.db.select().from(software).where(eq(software.originSoftwareId, originId)).get();
}

describe("sync from a peer", () => {
  it("bootstraps from the snapshot, then follows the changes feed, keeping provenance", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const one = await a.createSoftware({ name: "One" });
    const peerId = await b.follow(a);
    const first = await b.sync(peerId, { pageSize: 1 });
    expect(first).toMatchObject({ ok: true, applied: 1 });
    const copy = rowByOrigin(b, one.id)!;
    const original = await getSoftware({ ctx: a.ctx, input: { id: one.id } });
    expect(copy).toMatchObject({
      originCatalogueId: "a.test",
      url: one.url,
      state: "active",
      relayChain: [],
    });
    expect(copy.document).toEqual(original.document);
    expect(b.handle.db.select().from(peer).get()).toMatchObject({
      phase: "changes",
      status: "ok",
      recordsImported: 1,
    });

    a.clock.advance(60_000);
    await updateSoftware({
      ctx: a.ctx,
      input: { id: one.id, patch: { publiccodeYml: makePubliccode({ url: one.url, name: "Renamed" }) } },
    });
    const two = await a.createSoftware();
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 2 });
    expect(rowByOrigin(b, one.id)?.name).toBe("Renamed");
    expect(rowByOrigin(b, two.id)).toBeDefined();
  });

  it("relays records with the origin's signature, so a third catalogue verifies them against the origin", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const c = await startCatalogue("c.test");
    const one = await a.createSoftware();
    await b.sync(await b.follow(a));
    await c.follow(a); // C knows A's keys from A's descriptor
    const fromB = await c.sync(await c.follow(b));
    expect(fromB).toMatchObject({ ok: true, applied: 1, rejected: 0 });
    expect(rowByOrigin(c, one.id)).toMatchObject({ originCatalogueId: "a.test", relayChain: ["b.test"] });
  });

  it("stores a synced record's document once: the change row names the copy, the kept record carries the body", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const one = await a.createSoftware({ name: "Stored once" });
    await b.sync(await b.follow(a));
    const copy = rowByOrigin(b, one.id)!;
    const entry = b.handle.db.select().from(change).where(eq(change.entityId, copy.id)).get()!;
    expect(entry.snapshot).toEqual({
      id: copy.id,
      url: one.url,
      aliases: [],
      state: "active",
      publisherId: null,
      originCatalogueId: "a.test",
      originSoftwareId: one.id,
      relayChain: [],
      updatedAt: copy.updatedAt.toISOString(),
    });
    const kept = b.handle.db
      .select()
      .from(federationRecord)
      .where(eq(federationRecord.seq, entry.seq))
      .get()!;
    expect((kept.record as { body: { publiccode: unknown } }).body.publiccode).toEqual(copy.document);
  });

  it("drops records whose relay chain or origin is this catalogue, so nothing loops back", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    await a.createSoftware();
    await b.sync(await b.follow(a));
    const before = softwareRows(a).map((r) => [r.id, r.updatedAt.getTime()]);
    const back = await a.sync(await a.follow(b));
    expect(back).toMatchObject({ ok: true, applied: 0, rejected: 0, skipped: 1 });
    expect(softwareRows(a).map((r) => [r.id, r.updatedAt.getTime()])).toEqual(before);
  });

  it("removes the local copy when the origin's tombstone arrives", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const one = await a.createSoftware();
    const peerId = await b.follow(a);
    await b.sync(peerId);
    a.clock.advance(1000);
    await deleteSoftware({ ctx: a.ctx, input: { id: one.id } });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    expect(rowByOrigin(b, one.id)?.state).toBe("withdrawn");
  });

  it("never overwrites fields an admin curated locally", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const one = await a.createSoftware({ name: "Original" });
    const peerId = await b.follow(a);
    await b.sync(peerId);
    const copy = rowByOrigin(b, one.id)!;
    const curated = { description: { en: { shortDescription: "Curated by B" } } };
    await updateSoftware({ ctx: b.ctx, input: { id: copy.id, patch: { overrides: curated } } });
    a.clock.advance(1000);
    await updateSoftware({
      ctx: a.ctx,
      input: {
        id: one.id,
        patch: {
          publiccodeYml: makePubliccode({
            url: one.url,
            name: "Upstream",
            shortDescription: "Upstream text",
          }),
        },
      },
    });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    const after = rowByOrigin(b, one.id)!;
    expect(after.name).toBe("Upstream");
    const doc = after.document as { description: { en: { shortDescription: string } } };
    expect(doc.description.en.shortDescription).toBe("Curated by B");
  });

  it("between two first-hand copies of one repository keeps the newer harvest, whatever the sync order", async () => {
    const url = "https://github.com/shared-org/shared-repo";
    const older = await startCatalogue("older.test", "2026-01-01T00:00:00Z");
    const newer = await startCatalogue("newer.test", "2026-02-01T00:00:00Z");
    await older.createSoftware({ url, name: "Old harvest" });
    await newer.createSoftware({ url, name: "New harvest" });
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const b = await startCatalogue("b.test");
      for (const peerCatalogue of order) await b.sync(await b.follow(peerCatalogue));
      const rows = softwareRows(b);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: "New harvest", originCatalogueId: "newer.test" });
    }
  });

  it("prefers a first-hand copy over a relayed one, even when the relayed one is newer", async () => {
    const url = "https://github.com/shared-org/relayed-repo";
    const first = await startCatalogue("first.test", "2026-01-01T00:00:00Z");
    const origin = await startCatalogue("origin.test", "2026-03-01T00:00:00Z");
    const relay = await startCatalogue("relay.test");
    await first.createSoftware({ url, name: "First-hand" });
    await origin.createSoftware({ url, name: "Relayed" });
    await relay.sync(await relay.follow(origin));
    const c = await startCatalogue("c.test");
    await c.follow(origin);
    await c.sync(await c.follow(relay));
    expect(softwareRows(c)[0]).toMatchObject({ name: "Relayed", relayChain: ["relay.test"] });
    expect(await c.sync(await c.follow(first))).toMatchObject({ applied: 1 });
    expect(softwareRows(c)).toHaveLength(1);
    expect(softwareRows(c)[0]).toMatchObject({ name: "First-hand", originCatalogueId: "first.test" });
  });

  it("keeps an applied page when the page read ahead of it fails, and imports the rest once later", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    for (let i = 0; i < 5; i++) await a.createSoftware();
    const peerId = await b.follow(a);
    let pageRequests = 0;
    const failSecondPage: PeerFetch = async (url, options) => {
      if (url.includes("/federation/v1/") && ++pageRequests === 2) {
        return { status: 502, headers: new Headers(), body: new Uint8Array(), url };
      }
      return safeFetch(url, options);
    };
    const failed = await b.sync(peerId, { pageSize: 2, fetch: failSecondPage });
    expect(failed).toMatchObject({ ok: false, applied: 2, pages: 1 });
    expect(failed.error).toMatch(/HTTP 502/);
    expect(softwareRows(b)).toHaveLength(2);
    expect(b.handle.db.select().from(peer).get()).toMatchObject({ status: "failing", recordsImported: 2 });
    expect(await b.sync(peerId, { pageSize: 2 })).toMatchObject({ ok: true, applied: 3 });
    expect(softwareRows(b)).toHaveLength(5);
  });

  it("resumes from the stored cursor: a run cut short and a second run import each record once", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    for (let i = 0; i < 5; i++) await a.createSoftware();
    const peerId = await b.follow(a);
    expect(await b.sync(peerId, { pageSize: 2, maxPages: 1 })).toMatchObject({ applied: 2 });
    expect(softwareRows(b)).toHaveLength(2);
    const rest = await b.sync(peerId, { pageSize: 2 });
    expect(rest.applied).toBe(3);
    expect(softwareRows(b)).toHaveLength(5);
    expect(b.handle.db.select().from(peer).get()?.recordsImported).toBe(5);
  });
});
