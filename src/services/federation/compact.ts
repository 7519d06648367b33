// Compaction of the change log (docs/federation.md §3.3): entries older than the retention are deleted when a
// later entry for the same record supersedes them, and so are tombstones (the latest entry of a deleted
// record) — never the latest entry of a live record. The highest seq ever deleted is the horizon: a changes
// cursor below it may have missed a deletion, so the feed answers it 410 and the peer restarts from the
// snapshot, which compaction never changes (it lists only latest entries of live records).
//
// A relayed record is stored in federation_record under the seq of the change it caused, and that row goes
// with its change (ON DELETE CASCADE). A later local edit of the copy (e.g. curation) has a change of its own
// that serves the latest stored record; before that record's change is deleted, the record moves to the
// latest change, which then serves it as before, so the feed and the conflict rules keep it.
import { sql } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { type ChangeRow, changeCompaction } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { buildOwnRecord, foreignOriginOf } from "./own-record.ts";

export interface CompactInput {
  /** This catalogue's id: tells our own entries from relayed ones. */
  selfCatalogueId: string;
  retentionDays: number;
}

export interface CompactResult {
  /** Entries at or after this instant are kept whatever they are. */
  cutoff: Date;
  removed: number;
  /** Stored relayed records moved to the latest change of their record. */
  relocated: number;
  horizonSeq: number;
}

const DAY_MS = 86_400_000;

/** Lifecycle states whose entries may publish a tombstone: the pre-filter before the exact test. */
const tombstoneStates = ["gone", "file-removed", "archived", "left-publisher", "withdrawn", "suspended"];

/** The compaction horizon: changes cursors below it get 410. */
export function compactionHorizon(tx: DbOrTx): number {
  return tx.select().from(changeCompaction).get()?.horizonSeq ?? 0;
}

export function lastCompaction(tx: DbOrTx) {
  return tx.select().from(changeCompaction).get() ?? null;
}

/**
 * The highest seq written before `cutoff`. Entries are appended with the clock, so seq order is time order:
 * a binary search over the primary key instead of a scan of every row (the delete still checks `at`).
 */
function lastSeqBefore(tx: DbOrTx, cutoff: Date): number {
  const first = tx.get<{ seq: number; at: number } | undefined>(
    sql`SELECT seq, at FROM change ORDER BY seq LIMIT 1`,
  );
  if (!first || first.at >= cutoff.getTime()) return 0;
  let lo = first.seq; // known to be before the cutoff
  let hi = tx.get<{ seq: number }>(sql`SELECT max(seq) AS seq FROM change`).seq;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    const at = tx.get<{ seq: number; at: number } | undefined>(
      sql`SELECT seq, at FROM change WHERE seq >= ${mid} ORDER BY seq LIMIT 1`,
    );
    if (at && at.at < cutoff.getTime()) lo = at.seq;
    else hi = mid - 1;
  }
  return lo;
}

function toChangeRow(raw: Record<string, unknown>): ChangeRow {
  return {
    seq: raw.seq as number,
    entityType: raw.entity_type as ChangeRow["entityType"],
    entityId: raw.entity_id as string,
    action: raw.action as ChangeRow["action"],
    reason: (raw.reason as string | null) ?? null,
    actor: raw.actor as string,
    at: new Date(raw.at as number),
    snapshot: JSON.parse(raw.snapshot as string) as Record<string, unknown>,
  };
}

function storedAt(tx: DbOrTx, seq: number): FederationRecord | null {
  const row = tx.get<{ record: string } | undefined>(
    sql`SELECT record FROM federation_record WHERE seq = ${seq}`,
  );
  return row ? (JSON.parse(row.record) as FederationRecord) : null;
}

/** Moves the latest stored record of a relayed copy onto its latest change when its own change is to go. */
function keepRelayedRecords(tx: DbOrTx, boundary: number, cutoff: Date, selfId: string): number {
  const candidates = tx.all<{ seq: number; latest: number; at: number }>(sql`
    SELECT fr.seq AS seq, c.at AS at,
      (SELECT max(l.seq) FROM change l WHERE l.entity_type = fr.entity_type AND l.entity_id = fr.entity_id) AS latest
    FROM federation_record fr JOIN change c ON c.seq = fr.seq
    WHERE fr.seq <= ${boundary}
      AND fr.seq = (SELECT max(f.seq) FROM federation_record f
                    WHERE f.entity_type = fr.entity_type AND f.entity_id = fr.entity_id)`);
  let moved = 0;
  for (const candidate of candidates) {
    if (candidate.latest <= candidate.seq || candidate.at >= cutoff.getTime()) continue;
    const latest = tx.get<Record<string, unknown>>(sql`SELECT * FROM change WHERE seq = ${candidate.latest}`);
    // Only a change that relays serves the stored record; our own harvest of the record serves its own.
    if (foreignOriginOf(toChangeRow(latest), selfId) === null) continue;
    tx.run(sql`UPDATE federation_record SET seq = ${candidate.latest} WHERE seq = ${candidate.seq}`);
    moved += 1;
  }
  return moved;
}

/** Whether the latest entry of a record publishes a tombstone, exactly as the feed would serve it. */
function publishesTombstone(tx: DbOrTx, row: ChangeRow, selfId: string): boolean {
  const stored = storedAt(tx, row.seq);
  if (stored) return stored.action === "delete";
  if (foreignOriginOf(row, selfId) !== null) {
    const relayed = tx.get<{ record: string } | undefined>(sql`
      SELECT record FROM federation_record
      WHERE entity_type = ${row.entityType} AND entity_id = ${row.entityId} AND seq < ${row.seq}
      ORDER BY seq DESC LIMIT 1`);
    return relayed !== undefined && (JSON.parse(relayed.record) as FederationRecord).action === "delete";
  }
  // The origin's base URL does not change what kind of record an entry publishes.
  return (
    buildOwnRecord(row, { catalogueId: selfId, baseUrl: "https://compaction.invalid" })?.action === "delete"
  );
}

export function compactChangeLog(ctx: ServiceContext, input: CompactInput): CompactResult {
  const cutoff = new Date(ctx.clock.now().getTime() - input.retentionDays * DAY_MS);
  return ctx.db.transaction((tx) => {
    const boundary = lastSeqBefore(tx, cutoff);
    const relocated = boundary > 0 ? keepRelayedRecords(tx, boundary, cutoff, input.selfCatalogueId) : 0;
    const deleted: number[] = [];
    if (boundary > 0) {
      const superseded = tx.all<{ seq: number }>(sql`
        DELETE FROM change
        WHERE seq <= ${boundary} AND at < ${cutoff.getTime()}
          AND seq < (SELECT max(l.seq) FROM change l
                     WHERE l.entity_type = change.entity_type AND l.entity_id = change.entity_id)
        RETURNING seq`);
      // One push per row: a spread of a whole log's worth of arguments would overflow the stack.
      for (const r of superseded) deleted.push(r.seq);
      const states = sql.join(
        tombstoneStates.map((s) => sql`${s}`),
        sql`, `,
      );
      // Cheap pre-filter in SQL (a delete, or a state that may publish a tombstone), exact test in code.
      const latest = tx.all<Record<string, unknown>>(sql`
        SELECT * FROM change
        WHERE seq <= ${boundary} AND at < ${cutoff.getTime()}
          AND (action = 'delete' OR json_extract(snapshot, '$.state') IN (${states}))
          AND seq = (SELECT max(l.seq) FROM change l
                     WHERE l.entity_type = change.entity_type AND l.entity_id = change.entity_id)`);
      for (const raw of latest) {
        const row = toChangeRow(raw);
        if (!publishesTombstone(tx, row, input.selfCatalogueId)) continue;
        const gone = tx.all<{ seq: number }>(sql`
          DELETE FROM change
          WHERE entity_type = ${row.entityType} AND entity_id = ${row.entityId} AND seq <= ${row.seq}
          RETURNING seq`);
        for (const r of gone) deleted.push(r.seq);
      }
    }
    const horizonSeq = deleted.reduce((max, seq) => Math.max(max, seq), compactionHorizon(tx));
    tx.insert(changeCompaction)
      .values({ id: 1, horizonSeq, lastRunAt: ctx.clock.now(), lastRemoved: deleted.length })
      .onConflictDoUpdate({
        target: changeCompaction.id,
        set: { horizonSeq, lastRunAt: ctx.clock.now(), lastRemoved: deleted.length },
      })
      .run();
    if (deleted.length > 0) {
      ctx.logger.info({ removed: deleted.length, relocated, horizonSeq }, "change log compacted");
    }
    return { cutoff, removed: deleted.length, relocated, horizonSeq };
  });
}
