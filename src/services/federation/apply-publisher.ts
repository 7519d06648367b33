// Writes a decided publisher record from a peer: the publisher row with its provenance, its code-hosting
// sources, a change row, and the record as received next to that change row (federation_record), so our
// feed relays it with its origin's signature, as for software. Nothing here may throw on a peer's data (a
// throw would fail the whole page, for good): a source or an alternativeId another publisher already holds
// stays with that publisher and is left out of the copy.
import { and, eq, ne, or } from "drizzle-orm";
import type { FederationRecord, PublisherBody } from "../../../schemas/federation/record.ts";
import { codeHosting, federationRecord, type PublisherRow, publisher } from "../../db/schema/index.ts";
import type { ApplyEffect } from "../../federation/conflict.ts";
import { canonicalUrl } from "../../lib/url.ts";
import { appendChange } from "../changes/append.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { loadPublisher, publisherSnapshot } from "../publishers/load.ts";
import { insertSource } from "../sources/insert.ts";
import { linkSoftwareToPublisher, unlinkSoftwareFromPublisher } from "./publisher-link.ts";

function keepRecord(tx: DbOrTx, seq: number, publisherId: string, record: FederationRecord): void {
  tx.insert(federationRecord).values({ seq, entityType: "publisher", entityId: publisherId, record }).run();
}

function alternativeIdFree(tx: DbOrTx, alternativeId: string, selfId: string | null): boolean {
  const taken = tx
    .select({ id: publisher.id })
    .from(publisher)
    .where(
      and(
        or(eq(publisher.alternativeId, alternativeId), eq(publisher.id, alternativeId)),
        ...(selfId === null ? [] : [ne(publisher.id, selfId)]),
      ),
    )
    .get();
  return taken === undefined;
}

/** Makes the copy's sources the record's, minus those another publisher owns; they are never crawled here. */
function syncSources(tx: DbOrTx, ctx: ServiceContext, publisherId: string, body: PublisherBody): void {
  const wanted = new Map<string, boolean>();
  for (const source of body.codeHosting) {
    let url: string;
    try {
      url = canonicalUrl(source.url);
    } catch {
      continue;
    }
    const owner = tx
      .select({ publisherId: codeHosting.publisherId })
      .from(codeHosting)
      .where(eq(codeHosting.url, url))
      .get();
    if (owner && owner.publisherId !== publisherId) {
      ctx.logger.debug({ url, owner: owner.publisherId }, "peer publisher source kept by its local owner");
      continue;
    }
    wanted.set(url, source.group);
  }
  const existing = tx.select().from(codeHosting).where(eq(codeHosting.publisherId, publisherId)).all();
  for (const row of existing) {
    const group = wanted.get(row.url);
    if (group === undefined) tx.delete(codeHosting).where(eq(codeHosting.id, row.id)).run();
    else if (group !== row.group) {
      tx.update(codeHosting).set({ group }).where(eq(codeHosting.id, row.id)).run();
    }
  }
  const have = new Set(existing.map((row) => row.url));
  for (const [url, group] of wanted) {
    if (!have.has(url)) insertSource(tx, ctx, publisherId, { url, group }, { crawl: false });
  }
}

function upsert(tx: DbOrTx, ctx: ServiceContext, incoming: FederationRecord, row: PublisherRow | null) {
  if (incoming.type !== "publisher" || incoming.action !== "upsert")
    throw new Error("not a publisher upsert");
  const { body, provenance } = incoming;
  const now = ctx.clock.now();
  const alternativeId =
    body.alternativeId !== undefined && alternativeIdFree(tx, body.alternativeId, row?.id ?? null)
      ? body.alternativeId
      : null;
  const values = {
    name: body.description.trim().slice(0, 500) || body.description,
    description: body.description,
    email: body.email ?? null,
    alternativeId,
    active: body.active,
    originCatalogueId: provenance.origin.catalogueId,
    originPublisherId: incoming.id,
    relayChain: provenance.relayedBy,
    signature: incoming.signature,
    updatedAt: now,
  };
  const id = row?.id ?? ctx.newId();
  if (row) tx.update(publisher).set(values).where(eq(publisher.id, id)).run();
  else
    tx.insert(publisher)
      .values({ id, country: null, createdAt: now, ...values })
      .run();
  syncSources(tx, ctx, id, body);
  const seq = appendChange(tx, ctx, {
    entityType: "publisher",
    entityId: id,
    action: row ? "update" : "create",
    reason: `synced from ${provenance.relayedBy.at(-1) ?? provenance.origin.catalogueId}`,
    snapshot: publisherSnapshot(loadPublisher(tx, id)),
  });
  keepRecord(tx, seq, id, incoming);
  linkSoftwareToPublisher(tx, ctx, provenance.origin, id);
}

/** Applies one decided publisher record; `row` is the local copy it replaces or removes (null: none). */
export function applyPeerPublisher(
  tx: DbOrTx,
  ctx: ServiceContext,
  incoming: FederationRecord,
  effect: ApplyEffect,
  row: PublisherRow | null,
): void {
  if (incoming.action === "upsert") {
    upsert(tx, ctx, incoming, row);
    return;
  }
  if (!row) return; // removed already: its tombstone is what the decision was made against
  const reason = `${incoming.tombstone.reason} at ${incoming.provenance.origin.catalogueId}`;
  if (effect === "mark") {
    // Not a reason origins give publishers, but a tombstone that keeps the copy: keep it, inactive.
    tx.update(publisher)
      .set({ active: false, relayChain: incoming.provenance.relayedBy, signature: incoming.signature })
      .where(eq(publisher.id, row.id))
      .run();
    const seq = appendChange(tx, ctx, {
      entityType: "publisher",
      entityId: row.id,
      action: "update",
      reason,
      snapshot: publisherSnapshot(loadPublisher(tx, row.id)),
    });
    keepRecord(tx, seq, row.id, incoming);
    return;
  }
  unlinkSoftwareFromPublisher(tx, ctx, row.id, reason);
  tx.delete(publisher).where(eq(publisher.id, row.id)).run();
  const seq = appendChange(tx, ctx, {
    entityType: "publisher",
    entityId: row.id,
    action: "delete",
    reason,
    snapshot: {
      id: row.id,
      originCatalogueId: row.originCatalogueId,
      originPublisherId: row.originPublisherId,
      deleted: true,
      deletedAt: ctx.clock.now().toISOString(),
    },
  });
  keepRecord(tx, seq, row.id, incoming);
}
