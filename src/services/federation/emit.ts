// The records the feed and the snapshot serve for change-log entries. Our own entries are rebuilt from their
// snapshot and signed; entries about a copy relayed from a peer serve the record as its origin signed it,
// stored in federation_record by the sync that applied it (its merged local form no longer matches that
// signature). An entry with nothing to publish (never-valid software, a publisher without sources) is skipped.
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { type FederationRecord, federationRecordSchema } from "../../../schemas/federation/record.ts";
import { type ChangeRow, federationRecord } from "../../db/schema/index.ts";
import { relayRecord } from "../../federation/relay.ts";
import { signRecord } from "../../federation/sign.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { buildOwnRecord, foreignOriginOf } from "./own-record.ts";
import type { FederationSettings } from "./settings.ts";

function latestRelayedRecord(tx: DbOrTx, row: ChangeRow): FederationRecord | null {
  const stored = tx
    .select({ record: federationRecord.record })
    .from(federationRecord)
    .where(
      and(
        eq(federationRecord.entityType, row.entityType),
        eq(federationRecord.entityId, row.entityId),
        lt(federationRecord.seq, row.seq),
      ),
    )
    .orderBy(desc(federationRecord.seq))
    .limit(1)
    .get();
  return (stored?.record as FederationRecord | undefined) ?? null;
}

export async function emitRecords(
  ctx: ServiceContext,
  settings: FederationSettings,
  rows: ChangeRow[],
): Promise<FederationRecord[]> {
  const seqs = rows.map((r) => r.seq);
  const stored = new Map(
    seqs.length === 0
      ? []
      : ctx.db
          .select()
          .from(federationRecord)
          .where(inArray(federationRecord.seq, seqs))
          .all()
          .map((r) => [r.seq, r.record as FederationRecord] as const),
  );
  const origin = { catalogueId: settings.catalogueId, baseUrl: settings.baseUrl };
  const out = await Promise.all(
    rows.map(async (row): Promise<FederationRecord | null> => {
      // Relayed as received, our id appended to the chain, never re-signed (docs/federation.md §8).
      const kept = stored.get(row.seq);
      if (kept) return relayRecord(kept, settings.catalogueId);
      // A local edit of a relayed copy (e.g. curation): peers keep getting the origin's signed record.
      if (foreignOriginOf(row, settings.catalogueId) !== null) {
        const latest = latestRelayedRecord(ctx.db, row);
        return latest === null ? null : relayRecord(latest, settings.catalogueId);
      }
      const unsigned = buildOwnRecord(row, origin);
      if (unsigned === null) return null;
      const signed = await signRecord({
        record: unsigned,
        key: settings.signingKey,
        catalogueId: settings.catalogueId,
      });
      const checked = federationRecordSchema.safeParse(signed);
      if (!checked.success) {
        ctx.logger.warn(
          { seq: row.seq, entity: row.entityId, issue: checked.error.issues[0]?.message },
          "change not publishable as a federation record",
        );
        return null;
      }
      return checked.data;
    }),
  );
  return out.filter((r): r is FederationRecord => r !== null);
}
