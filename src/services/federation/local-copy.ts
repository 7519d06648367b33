// The local copy an incoming record competes with (docs/federation.md §7): the same origin record first, else
// a software for the same repository (canonical URL or alias) from another origin. Its record form is what the
// origin sent us for a relayed copy (kept in federation_record), or what we publish for our own harvest.
import { and, desc, eq, sql } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { federationRecord, type SoftwareRow, software } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx } from "../context.ts";
import {
  aliasesOf,
  findSoftwareRow,
  findSoftwareRowByUrl,
  softwareSnapshot,
  toSoftware,
} from "../software/load.ts";
import { buildOwnRecord, type Origin } from "./own-record.ts";

export interface LocalCopy {
  row: SoftwareRow;
  /** Null when the row has no record form (never-valid software): any incoming copy is then new to us. */
  record: FederationRecord | null;
}

function canonicalOrNull(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

/** The record as received from the peer that last updated this copy, relay chain as it arrived. */
export function storedRecordOf(tx: DbOrTx, softwareId: string): FederationRecord | null {
  const stored = cachedStatement(tx, "federationRecord.latestOfSoftware", () =>
    tx
      .select({ record: federationRecord.record })
      .from(federationRecord)
      .where(
        and(
          eq(federationRecord.entityType, "software"),
          eq(federationRecord.entityId, sql.placeholder("softwareId")),
        ),
      )
      .orderBy(desc(federationRecord.seq))
      .limit(1)
      .prepare(),
  ).get({ softwareId });
  return (stored?.record as FederationRecord | undefined) ?? null;
}

function recordOfRow(tx: DbOrTx, row: SoftwareRow, self: Origin): FederationRecord | null {
  if (row.originCatalogueId && row.originCatalogueId !== self.catalogueId) return storedRecordOf(tx, row.id);
  const own = buildOwnRecord(
    {
      seq: 1,
      entityType: "software",
      entityId: row.id,
      action: "update",
      reason: null,
      actor: "federation",
      at: row.updatedAt,
      snapshot: softwareSnapshot(toSoftware(row, aliasesOf(tx, row.id))),
    },
    self,
  );
  // Never-valid own software has no record form; it loses to any copy that has a document.
  return own === null ? null : ({ ...own, signature: "local..copy" } as FederationRecord);
}

function findRow(tx: DbOrTx, incoming: FederationRecord, self: Origin): SoftwareRow | undefined {
  const { catalogueId, recordId } = incoming.provenance.origin;
  const byOrigin =
    catalogueId === self.catalogueId
      ? findSoftwareRow(tx, recordId)
      : cachedStatement(tx, "software.byOrigin", () =>
          tx
            .select()
            .from(software)
            .where(
              and(
                eq(software.originCatalogueId, sql.placeholder("catalogueId")),
                eq(software.originSoftwareId, sql.placeholder("recordId")),
              ),
            )
            .prepare(),
        ).get({ catalogueId, recordId });
  if (byOrigin || incoming.action !== "upsert" || incoming.type !== "software") return byOrigin;
  for (const url of [incoming.body.url, ...incoming.body.aliases]) {
    const canonical = canonicalOrNull(url);
    const row = canonical === null ? undefined : findSoftwareRowByUrl(tx, canonical);
    if (row) return row;
  }
  return undefined;
}

export function findLocalCopy(tx: DbOrTx, incoming: FederationRecord, self: Origin): LocalCopy | null {
  const row = findRow(tx, incoming, self);
  if (!row) return null;
  return { row, record: recordOfRow(tx, row, self) };
}
