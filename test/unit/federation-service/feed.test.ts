import { describe, expect, it } from "vitest";
import { catalogueDescriptorSchema, snapshotPageSchema } from "../../../schemas/federation/descriptor.ts";
import { federationRecordSchema } from "../../../schemas/federation/record.ts";
import { verifyRecord } from "../../../src/federation/verify.ts";
import { deleteSoftware, updateSoftware } from "../../../src/services/software/index.ts";
import { makePubliccode } from "../../support/factories.ts";
import { startCatalogue, type TestCatalogue } from "./support.ts";

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { res, json: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null };
}

async function readAll(a: TestCatalogue, kind: "changes" | "snapshot", limit: number, cursor?: string) {
  const records: Array<{ id: string; action: string; updatedAt: string }> = [];
  let next = cursor;
  let page: Record<string, unknown>;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(next ? { cursor: next } : {}) });
    page = (await getJson(`${a.url}/federation/v1/${kind}?${query}`)).json!;
    records.push(...(page.records as typeof records));
    next = page.nextCursor as string;
  } while (page.hasMore);
  return { records, page };
}

describe("publishing side", () => {
  it("serves a descriptor with public keys and feed URLs that peers accept", async () => {
    const a = await startCatalogue("a.test");
    const { res, json } = await getJson(`${a.url}/.well-known/publiccode-catalogue`);
    expect(res.headers.get("cache-control")).toBe("max-age=300");
    const descriptor = catalogueDescriptorSchema.parse(json);
    expect(descriptor.id).toBe("a.test");
    expect(descriptor.feeds.changes).toBe(`${a.url}/federation/v1/changes`);
    expect(JSON.stringify(descriptor)).not.toContain('"d"');
  });

  it("lists every create, update and deletion in change-log order, signed and verifiable", async () => {
    const a = await startCatalogue("a.test");
    const one = await a.createSoftware();
    const two = await a.createSoftware();
    a.clock.advance(1000);
    await updateSoftware({
      ctx: a.ctx,
      input: { id: one.id, patch: { publiccodeYml: makePubliccode({ url: one.url, name: "Renamed" }) } },
    });
    await deleteSoftware({ ctx: a.ctx, input: { id: two.id } });
    const { records } = await readAll(a, "changes", 2);
    expect(records.map((r) => [r.id, r.action])).toEqual([
      [one.id, "upsert"],
      [two.id, "upsert"],
      [one.id, "upsert"],
      [two.id, "delete"],
    ]);
    const jwks = { keys: a.settings.publicKeys };
    for (const raw of records) {
      const record = federationRecordSchema.parse(raw);
      expect(await verifyRecord(record, { resolveOriginKeys: async () => jwks })).toMatchObject({ ok: true });
    }
    expect((records[3] as unknown as { tombstone: { reason: string } }).tombstone.reason).toBe("withdrawn");
  });

  it("returns the same page for the same cursor and answers 304 to a matching ETag", async () => {
    const a = await startCatalogue("a.test");
    await a.createSoftware();
    await a.createSoftware();
    const first = await fetch(`${a.url}/federation/v1/changes?limit=1`);
    const firstPage = (await first.json()) as { nextCursor: string };
    const again = await getJson(`${a.url}/federation/v1/changes?limit=1`);
    expect(again.json).toEqual(firstPage);
    const etag = first.headers.get("etag")!;
    const revalidated = await fetch(`${a.url}/federation/v1/changes?limit=1`, {
      headers: { "if-none-match": etag },
    });
    expect(revalidated.status).toBe(304);
    const second = await getJson(`${a.url}/federation/v1/changes?cursor=${firstPage.nextCursor}`);
    expect((second.json!.records as unknown[]).length).toBe(1);
    expect(second.json!.hasMore).toBe(false);
  });

  it("answers 400 to a damaged cursor, a snapshot cursor on the changes feed and a limit below 1", async () => {
    const a = await startCatalogue("a.test");
    await a.createSoftware();
    const snap = (await getJson(`${a.url}/federation/v1/snapshot`)).json!;
    for (const query of ["cursor=abcdef", `cursor=${snap.nextCursor}`, "limit=0", "limit=1.5"]) {
      const res = await fetch(`${a.url}/federation/v1/changes?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("caps limit at 500 records per page", async () => {
    const a = await startCatalogue("a.test");
    for (let i = 0; i < 502; i++) await a.createSoftware();
    const page = (await getJson(`${a.url}/federation/v1/changes?limit=100000`)).json!;
    expect((page.records as unknown[]).length).toBe(500);
    expect(page.hasMore).toBe(true);
  }, 60_000);

  it("gives every live record exactly once in its latest version across snapshot then changes", async () => {
    const a = await startCatalogue("a.test");
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await a.createSoftware());
    await deleteSoftware({ ctx: a.ctx, input: { id: made[4]!.id } });
    // Start the snapshot, then change the catalogue while the peer is between pages.
    const firstPage = snapshotPageSchema.parse(
      (await getJson(`${a.url}/federation/v1/snapshot?limit=2`)).json,
    );
    a.clock.advance(1000);
    await updateSoftware({
      ctx: a.ctx,
      input: {
        id: made[3]!.id,
        patch: { publiccodeYml: makePubliccode({ url: made[3]!.url, name: "Later" }) },
      },
    });
    await deleteSoftware({ ctx: a.ctx, input: { id: made[0]!.id } });
    const added = await a.createSoftware();
    const rest = await readAll(a, "snapshot", 2, firstPage.nextCursor);
    const changes = await readAll(a, "changes", 2, firstPage.changesCursor);
    const state = new Map<string, { action: string; updatedAt: string }>();
    const seen: string[] = [];
    for (const r of [...(firstPage.records as typeof rest.records), ...rest.records]) {
      seen.push(r.id);
      state.set(r.id, r);
    }
    for (const r of changes.records) state.set(r.id, r);
    expect(new Set(seen).size).toBe(seen.length);
    const live = [...state]
      .filter(([, r]) => r.action === "upsert")
      .map(([id]) => id)
      .sort();
    expect(live).toEqual([made[1]!.id, made[2]!.id, made[3]!.id, added.id].sort());
  });
});
