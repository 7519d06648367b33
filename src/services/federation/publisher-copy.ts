// The local publisher an incoming publisher record competes with (docs/federation.md §7, "Publishers"), in
// this order: the copy of the same origin record; else, when that copy was removed by its origin's tombstone,
// the tombstone we kept; else a publisher with the same alternativeId; else the publisher owning one of the
// record's code-hosting sources. A match registered here is curated (never replaced); a match copied from
// another origin competes by the software rules.
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { codeHosting, federationRecord, type PublisherRow, publisher } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
import type { PublisherCopy } from "../../federation/publisher-conflict.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx } from "../context.ts";
import type { Origin } from "./own-record.ts";

export interface LocalPublisher {
  /** The row to write; null when the copy was removed and only its tombstone is remembered. */
  row: PublisherRow | null;
  copy: PublisherCopy;
}

/** The copy of `recordId` from `catalogueId`, if we hold one (one statement per connection: runs per software). */
export function publisherByOrigin(
  tx: DbOrTx,
  catalogueId: string,
  recordId: string,
): PublisherRow | undefined {
  return cachedStatement(tx, "publisher.byOrigin", () =>
    tx
      .select()
      .from(publisher)
      .where(
        and(
          eq(publisher.originCatalogueId, sql.placeholder("catalogueId")),
          eq(publisher.originPublisherId, sql.placeholder("recordId")),
        ),
      )
      .prepare(),
  ).get({ catalogueId, recordId });
}

/** The record a publisher copy was last written from, as received. */
function storedRecordOf(tx: DbOrTx, publisherId: string): FederationRecord | null {
  const stored = tx
    .select({ record: federationRecord.record })
    .from(federationRecord)
    .where(and(eq(federationRecord.entityType, "publisher"), eq(federationRecord.entityId, publisherId)))
    .orderBy(desc(federationRecord.seq))
    .limit(1)
    .get();
  return (stored?.record as FederationRecord | undefined) ?? null;
}

/**
 * The tombstone that removed our copy of an origin's publisher. The row is gone, so it is found by the origin
 * inside the stored record (federation_record_publisher_origin_idx; the literal 'publisher' lets SQLite use
 * that partial index). Only a tombstone counts: a stored upsert without a row means the copy was taken over
 * by another origin's or deleted by an admin here, and the record then competes as new.
 */
function removedRecordOf(tx: DbOrTx, catalogueId: string, recordId: string): FederationRecord | null {
  const stored = tx
    .select({ record: federationRecord.record })
    .from(federationRecord)
    .where(
      and(
        sql`${federationRecord.entityType} = 'publisher'`,
        sql`json_extract(${federationRecord.record}, '$.provenance.origin.catalogueId') = ${catalogueId}`,
        sql`json_extract(${federationRecord.record}, '$.id') = ${recordId}`,
      ),
    )
    .orderBy(desc(federationRecord.seq))
    .limit(1)
    .get();
  const record = (stored?.record as FederationRecord | undefined) ?? null;
  return record?.action === "delete" ? record : null;
}

function canonicalOrNull(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

/** A publisher the record names the same body as: its alternativeId (or an id equal to it), else a shared source. */
function matchingPublisher(tx: DbOrTx, incoming: FederationRecord): PublisherRow | undefined {
  if (incoming.action !== "upsert" || incoming.type !== "publisher") return undefined;
  const { alternativeId } = incoming.body;
  if (alternativeId !== undefined) {
    const byAlternativeId = tx
      .select()
      .from(publisher)
      .where(or(eq(publisher.alternativeId, alternativeId), eq(publisher.id, alternativeId)))
      .get();
    if (byAlternativeId) return byAlternativeId;
  }
  for (const source of incoming.body.codeHosting) {
    const url = canonicalOrNull(source.url);
    if (url === null) continue;
    const owner = tx
      .select({ publisherId: codeHosting.publisherId })
      .from(codeHosting)
      .where(eq(codeHosting.url, url))
      .get();
    if (owner) return tx.select().from(publisher).where(eq(publisher.id, owner.publisherId)).get();
  }
  return undefined;
}

export function findLocalPublisher(
  tx: DbOrTx,
  incoming: FederationRecord,
  self: Origin,
): LocalPublisher | null {
  const { catalogueId, recordId } = incoming.provenance.origin;
  const same = publisherByOrigin(tx, catalogueId, recordId);
  if (same) return { row: same, copy: { kind: "origin", record: storedRecordOf(tx, same.id) } };
  const removed = removedRecordOf(tx, catalogueId, recordId);
  if (removed) return { row: null, copy: { kind: "origin", record: removed } };
  const match = matchingPublisher(tx, incoming);
  if (!match) return null;
  const registeredHere = match.originCatalogueId === null || match.originCatalogueId === self.catalogueId;
  return registeredHere
    ? { row: match, copy: { kind: "curated" } }
    : { row: match, copy: { kind: "relayed", record: storedRecordOf(tx, match.id) } };
}
