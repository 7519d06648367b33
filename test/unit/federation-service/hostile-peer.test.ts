import { describe, expect, it } from "vitest";
import { type FederationRecord, federationRecordSchema } from "../../../schemas/federation/record.ts";
import { peer, software } from "../../../src/db/schema/index.ts";
import { buildCatalogueDescriptor } from "../../../src/federation/descriptor.ts";
import { generateCatalogueKeyPair, importSigningKey } from "../../../src/federation/keys.ts";
import { signRecord } from "../../../src/federation/sign.ts";
import { syncPeers } from "../../../src/services/federation/index.ts";
import { type Responder, startCatalogue, startFakePeer } from "./support.ts";

const EMPTY_CURSOR = "c0";

/** A fake peer "evil.test" with a valid descriptor and its own key, serving snapshot pages from `page`. */
async function startEvilPeer(page: Responder) {
  const { privateJwk, publicJwk } = await generateCatalogueKeyPair();
  let base = "";
  const fake = await startFakePeer((path, query) => {
    if (path === "/.well-known/publiccode-catalogue") {
      const descriptor = buildCatalogueDescriptor({
        id: "evil.test",
        name: "Evil",
        baseUrl: base,
        country: null,
        scope: "test",
        publicKeys: [publicJwk],
        tombstoneRetentionDays: 90,
      });
      return { body: JSON.stringify(descriptor) };
    }
    return page(path, query);
  });
  base = fake.url;
  return { ...fake, key: await importSigningKey(privateJwk) };
}

const snapshotOf = (records: unknown[]) =>
  JSON.stringify({ records, hasMore: false, nextCursor: "s1", changesCursor: EMPTY_CURSOR });

async function recordsOf(url: string): Promise<FederationRecord[]> {
  const page = (await (await fetch(`${url}/federation/v1/changes`)).json()) as { records: unknown[] };
  return page.records.map((r) => federationRecordSchema.parse(r));
}

describe("a misbehaving peer", () => {
  it("gets tampered, forged and malformed records rejected one by one while good ones apply", async () => {
    const a = await startCatalogue("a.test");
    const good = await a.createSoftware({ name: "Good" });
    const victim = await a.createSoftware({ name: "Victim" });
    const [goodRecord, victimRecord] = await recordsOf(a.url);
    let evilKey: Awaited<ReturnType<typeof startEvilPeer>>["key"] | null = null;
    let forged: FederationRecord[] = [];
    const evil = await startEvilPeer((path) =>
      path.endsWith("/snapshot")
        ? { body: snapshotOf([goodRecord, ...forged]) }
        : { body: JSON.stringify({ records: [], hasMore: false, nextCursor: "c1" }) },
    );
    evilKey = evil.key;
    const tampered = structuredClone(victimRecord!) as FederationRecord & {
      body: { publiccode: { name: string } };
    };
    tampered.body.publiccode.name = "Tampered";
    // Signed with evil's key but claiming to be a record of a.test: the key is not among a.test's keys.
    const { signature: _s, ...unsigned } = structuredClone(victimRecord!);
    const wrongKey = await signRecord({ record: unsigned, key: evilKey, catalogueId: "a.test" });
    // Signed honestly as evil.test, then relabelled as a.test's: the header's issuer gives it away.
    const ownUnsigned = {
      ...unsigned,
      provenance: {
        ...unsigned.provenance,
        origin: { ...unsigned.provenance.origin, catalogueId: "evil.test" },
      },
    };
    const relabelled = await signRecord({
      record: ownUnsigned as typeof unsigned,
      key: evilKey,
      catalogueId: "evil.test",
    });
    relabelled.provenance.origin.catalogueId = "a.test";
    forged = [tampered, wrongKey, relabelled, { id: 5, type: "software" } as unknown as FederationRecord];

    const c = await startCatalogue("c.test");
    await c.follow(a);
    const result = await c.sync(await c.follow(evil));
    expect(result).toMatchObject({ ok: true, error: null, applied: 1, rejected: 4 });
    const rows = c.handle.db.select().from(software).all();
    expect(rows.map((r) => r.originSoftwareId)).toEqual([good.id]);
    expect(rows.map((r) => r.originSoftwareId)).not.toContain(victim.id);
    expect(
      c.handle.db
        .select()
        .from(peer)
        .all()
        .find((p) => p.id === "evil.test")?.recordsRejected,
    ).toBe(4);
  });

  describe.each([
    { name: "malformed JSON", answer: { body: '{"records": [' } },
    { name: "an oversized page", answer: { body: Buffer.alloc(6 * 1024 * 1024, 32) } },
    {
      name: "wrong types in the frame",
      answer: { body: JSON.stringify({ records: [], hasMore: "yes", nextCursor: "x", changesCursor: "y" }) },
    },
    {
      name: "an absurd record count",
      answer: {
        body: JSON.stringify({
          records: Array.from({ length: 501 }, () => ({})),
          hasMore: false,
          nextCursor: "x",
          changesCursor: "y",
        }),
      },
    },
    { name: "a server error", answer: { status: 500, body: "{}" } },
  ])("sending $name", ({ answer }) => {
    it("fails the run without writing anything, keeps the cursor and backs off", async () => {
      const evil = await startEvilPeer(() => answer);
      const c = await startCatalogue("c.test");
      const peerId = await c.follow(evil);
      const result = await c.sync(peerId);
      expect(result.ok).toBe(false);
      expect(c.handle.db.select().from(software).all()).toHaveLength(0);
      const row = c.handle.db.select().from(peer).get()!;
      expect(row).toMatchObject({ status: "failing", cursor: null, phase: "snapshot", failures: 1 });
      expect(row.lastError).toBeTruthy();
      expect(row.nextAttemptAt!.getTime()).toBe(c.clock.now().getTime() + 1000);
    });
  });

  it("cannot stall a sync by never advancing its cursor", async () => {
    const evil = await startEvilPeer(() => ({
      body: JSON.stringify({ records: [], hasMore: true, nextCursor: "same", changesCursor: "y" }),
    }));
    const c = await startCatalogue("c.test");
    const result = await c.sync(await c.follow(evil));
    expect(result).toMatchObject({ ok: false, error: "peer did not advance its cursor" });
    expect(evil.requests.filter((p) => p.includes("snapshot")).length).toBe(2);
  });

  it("is retried with exponential backoff and skipped until its next attempt is due", async () => {
    const evil = await startEvilPeer(() => ({ status: 503, body: "{}" }));
    const c = await startCatalogue("c.test");
    const peerId = await c.follow(evil);
    const deps = { settings: c.settings, backoffBaseMs: 1000 };
    expect(await syncPeers(c.ctx, deps)).toHaveLength(1);
    c.clock.advance(1000);
    expect(await syncPeers(c.ctx, deps)).toHaveLength(1);
    const row = c.handle.db.select().from(peer).get()!;
    expect(row.failures).toBe(2);
    expect(row.nextAttemptAt!.getTime() - c.clock.now().getTime()).toBe(2000);
    c.clock.advance(1000);
    expect(await syncPeers(c.ctx, deps)).toHaveLength(0);
    expect((await syncPeers(c.ctx, deps, peerId))[0]?.ok).toBe(false);
  });
});
