import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type FederationRecord, federationRecordSchema } from "../../../schemas/federation/record.ts";
import { codeHosting, peer, publisher, software } from "../../../src/db/schema/index.ts";
import { buildCatalogueDescriptor } from "../../../src/federation/descriptor.ts";
import { generateCatalogueKeyPair } from "../../../src/federation/keys.ts";
import { verifyRecord } from "../../../src/federation/verify.ts";
import { deletePublisher, updatePublisher } from "../../../src/services/publishers/index.ts";
import { startCatalogue, startFakePeer, type TestCatalogue } from "./support.ts";

function publisherCopy(c: TestCatalogue, originId: string) {
  return c.handle.db.select().from(publisher).where(eq(publisher.originPublisherId, originId)).get();
}
function softwareCopy(c: TestCatalogue, originId: string) {
  return c.handle.db.select().from(software).where(eq(software.originSoftwareId, originId)).get();
}
function publishers(c: TestCatalogue) {
  return c.handle.db.select().from(publisher).all();
}

describe("publisher records from a peer", () => {
  it("stores the origin's publisher with provenance, lists its sources uncrawled and links its software", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher({ description: "Comune di Esempio", alternativeId: "urn:x:c_a001" });
    const one = await a.createSoftware({ publisherId: pub.id });
    expect(await b.sync(await b.follow(a))).toMatchObject({ ok: true, applied: 2, rejected: 0 });

    const copy = publisherCopy(b, pub.id)!;
    expect(copy).toMatchObject({
      originCatalogueId: "a.test",
      description: "Comune di Esempio",
      alternativeId: "urn:x:c_a001",
      relayChain: [],
      active: true,
    });
    expect(copy.id).not.toBe(pub.id);
    expect(copy.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const sources = b.handle.db.select().from(codeHosting).where(eq(codeHosting.publisherId, copy.id)).all();
    expect(sources.map((s) => s.url)).toEqual(pub.codeHosting.map((s) => s.url));
    // Harvested by A, not by us: never due for our crawler.
    expect(sources.every((s) => s.nextCrawlAt === null)).toBe(true);
    expect(softwareCopy(b, one.id)).toMatchObject({ publisherId: copy.id, originPublisherId: pub.id });
  });

  it("links a software that arrived before its publisher once the publisher arrives", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const peerId = await b.follow(a);
    await b.sync(peerId); // empty snapshot: B follows A's changes from here, in A's order
    // A publisher with no source is not published yet, so its software reaches B first.
    const pub = await a.createPublisher({ codeHosting: [] });
    const one = await a.createSoftware({ publisherId: pub.id });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    expect(softwareCopy(b, one.id)).toMatchObject({ publisherId: null, originPublisherId: pub.id });

    a.clock.advance(1000);
    await updatePublisher({
      ctx: a.ctx,
      input: { id: pub.id, patch: { codeHosting: [{ url: "https://github.com/late-org" }] } },
    });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    expect(softwareCopy(b, one.id)?.publisherId).toBe(publisherCopy(b, pub.id)!.id);
  });

  it("applies a newer version of the origin's publisher and skips an older or equal one", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher({ description: "Before" });
    const peerId = await b.follow(a);
    await b.sync(peerId);
    a.clock.advance(1000);
    await updatePublisher({
      ctx: a.ctx,
      input: {
        id: pub.id,
        patch: { description: "After", codeHosting: [{ url: "https://gitlab.com/moved-group" }] },
      },
    });
    expect(await b.sync(peerId)).toMatchObject({ applied: 1 });
    const copy = publisherCopy(b, pub.id)!;
    expect(copy.description).toBe("After");
    const sources = b.handle.db.select().from(codeHosting).where(eq(codeHosting.publisherId, copy.id)).all();
    expect(sources.map((s) => s.url)).toEqual(["https://gitlab.com/moved-group"]);
    // Reading A's snapshot again: the version it lists is the one B holds, so nothing is written.
    b.handle.db.update(peer).set({ phase: "snapshot", cursor: null }).run();
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 0, skipped: 1 });
    expect(publishers(b)).toMatchObject([{ description: "After", updatedAt: copy.updatedAt }]);
  });

  it("removes the copy on the origin's publisher-removed tombstone, unlinks its software, and an older version relayed late does not bring it back", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const late = await startCatalogue("late.test");
    const pub = await a.createPublisher();
    const one = await a.createSoftware({ publisherId: pub.id });
    await late.sync(await late.follow(a)); // holds the live publisher, relays it later
    const peerId = await b.follow(a);
    await b.sync(peerId);
    a.clock.advance(1000);
    await deletePublisher({ ctx: a.ctx, input: { id: pub.id } });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    expect(publisherCopy(b, pub.id)).toBeUndefined();
    expect(softwareCopy(b, one.id)).toMatchObject({ publisherId: null, originPublisherId: pub.id });

    const fromLate = await b.sync(await b.follow(late));
    expect(fromLate).toMatchObject({ ok: true, applied: 0, rejected: 0 });
    expect(publisherCopy(b, pub.id)).toBeUndefined();
  });

  it("never replaces a publisher registered here with the same alternativeId or a shared source", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const byAlternativeId = await a.createPublisher({ alternativeId: "urn:x:c_h501" });
    const bySource = await a.createPublisher({ codeHosting: ["https://github.com/shared-org"] });
    const ownA = await b.createPublisher({ description: "Curated at B", alternativeId: "urn:x:c_h501" });
    const ownB = await b.createPublisher({
      description: "Also curated at B",
      codeHosting: ["https://github.com/shared-org"],
    });
    const synced = await b.sync(await b.follow(a));
    expect(synced).toMatchObject({ ok: true, applied: 0, skipped: 2 });
    expect(publisherCopy(b, byAlternativeId.id)).toBeUndefined();
    expect(publisherCopy(b, bySource.id)).toBeUndefined();
    expect(
      publishers(b)
        .map((p) => [p.id, p.description, p.originCatalogueId])
        .sort(),
    ).toEqual(
      [
        [ownA.id, "Curated at B", null],
        [ownB.id, "Also curated at B", null],
      ].sort(),
    );
  });

  it("keeps a source another publisher owns with that publisher when a copy's new version lists it", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher({ codeHosting: ["https://github.com/a-org"] });
    const peerId = await b.follow(a);
    await b.sync(peerId);
    const own = await b.createPublisher({ codeHosting: ["https://github.com/b-org"] });
    a.clock.advance(1000);
    await updatePublisher({
      ctx: a.ctx,
      input: {
        id: pub.id,
        patch: { codeHosting: [{ url: "https://github.com/a-org" }, { url: "https://github.com/b-org" }] },
      },
    });
    expect(await b.sync(peerId)).toMatchObject({ ok: true, applied: 1 });
    const copy = publisherCopy(b, pub.id)!;
    const owners = b.handle.db.select().from(codeHosting).all();
    expect(owners.map((s) => [s.url, s.publisherId]).sort()).toEqual(
      [
        ["https://github.com/a-org", copy.id],
        ["https://github.com/b-org", own.id],
      ].sort(),
    );
  });

  it("prefers the first-hand copy of a publisher over another origin's relayed copy", async () => {
    const origin = await startCatalogue("origin.test");
    const relay = await startCatalogue("relay.test");
    const first = await startCatalogue("first.test");
    const c = await startCatalogue("c.test");
    await origin.createPublisher({ description: "Relayed copy", alternativeId: "urn:x:same" });
    const firstHand = await first.createPublisher({ description: "First-hand", alternativeId: "urn:x:same" });
    await relay.sync(await relay.follow(origin));
    await c.follow(origin);
    await c.sync(await c.follow(relay));
    expect(publishers(c)).toMatchObject([{ description: "Relayed copy", relayChain: ["relay.test"] }]);
    expect(await c.sync(await c.follow(first))).toMatchObject({ applied: 1 });
    expect(publishers(c)).toHaveLength(1);
    expect(publishers(c)[0]).toMatchObject({
      description: "First-hand",
      originCatalogueId: "first.test",
      originPublisherId: firstHand.id,
      relayChain: [],
    });
  });

  it("relays a publisher with its origin's signature, and never loops one back to its origin", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher();
    await b.sync(await b.follow(a));
    const page = (await (await fetch(`${b.url}/federation/v1/changes`)).json()) as { records: unknown[] };
    const relayed = page.records
      .map((r) => federationRecordSchema.parse(r))
      .find((r) => r.type === "publisher")!;
    expect(relayed).toMatchObject({ id: pub.id, provenance: { relayedBy: ["b.test"] } });
    expect(relayed.signature).toBe(publisherCopy(b, pub.id)!.signature);
    const keys = { keys: a.settings.publicKeys };
    expect(await verifyRecord(relayed, { resolveOriginKeys: async () => keys })).toMatchObject({ ok: true });

    const back = await a.sync(await a.follow(b));
    expect(back).toMatchObject({ ok: true, applied: 0, rejected: 0 });
    expect(publishers(a)).toHaveLength(1);
  });

  it("brings A's publishers to C through B, with provenance pointing at A and the software linked", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const c = await startCatalogue("c.test");
    const pub = await a.createPublisher();
    const one = await a.createSoftware({ publisherId: pub.id });
    await b.sync(await b.follow(a));
    await c.follow(a); // C learns A's keys from A's descriptor
    expect(await c.sync(await c.follow(b))).toMatchObject({ ok: true, applied: 2, rejected: 0 });
    const copy = publisherCopy(c, pub.id)!;
    expect(copy).toMatchObject({ originCatalogueId: "a.test", relayChain: ["b.test"] });
    const linked = c.handle.db
      .select()
      .from(software)
      .where(and(eq(software.originSoftwareId, one.id), eq(software.publisherId, copy.id)))
      .get();
    expect(linked).toBeDefined();
  });

  it("rejects a tampered publisher and a forged tombstone relayed by a peer, and keeps the copy it holds", async () => {
    const a = await startCatalogue("a.test");
    const b = await startCatalogue("b.test");
    const pub = await a.createPublisher({ description: "Genuine" });
    await b.sync(await b.follow(a));
    const page = (await (await fetch(`${a.url}/federation/v1/changes`)).json()) as { records: unknown[] };
    const genuine = federationRecordSchema.parse(page.records[0]) as Extract<
      FederationRecord,
      { action: "upsert" }
    >;
    const tampered = {
      ...genuine,
      body: { ...genuine.body, description: "Tampered" },
      updatedAt: "2030-01-01T00:00:00.000Z",
    };
    const { body: _body, ...rest } = genuine;
    const forgedTombstone = {
      ...rest,
      action: "delete",
      updatedAt: "2030-01-01T00:00:00.000Z",
      tombstone: { reason: "publisher-removed", at: "2030-01-01T00:00:00.000Z" },
    };
    const { publicJwk } = await generateCatalogueKeyPair();
    let base = "";
    const relay = await startFakePeer((path) => {
      if (path === "/.well-known/publiccode-catalogue") {
        return {
          body: JSON.stringify(
            buildCatalogueDescriptor({
              id: "relay.test",
              name: "Relay",
              baseUrl: base,
              country: null,
              scope: "test",
              publicKeys: [publicJwk],
              tombstoneRetentionDays: 90,
            }),
          ),
        };
      }
      if (path.endsWith("/changes")) {
        return { body: JSON.stringify({ records: [], hasMore: false, nextCursor: "c1" }) };
      }
      return {
        body: JSON.stringify({
          records: [tampered, forgedTombstone],
          hasMore: false,
          nextCursor: "s1",
          changesCursor: "c0",
        }),
      };
    });
    base = relay.url;
    const result = await b.sync(await b.follow(relay));
    expect(result).toMatchObject({ ok: true, applied: 0, rejected: 2 });
    expect(publisherCopy(b, pub.id)).toMatchObject({ description: "Genuine" });
  });
});
