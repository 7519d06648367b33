// Federation state. `peer`: the catalogues this one syncs from (registered by an admin), with the sync state
// that makes a sync resumable (cursor, phase) and polite (failures, next attempt with backoff).
// `federationRecord`: the record the changes feed serves for a change-log entry when it cannot be rebuilt from
// the entry's snapshot, i.e. a relayed record exactly as its origin signed it (plus our relay id); written in
// the same transaction as the change it belongs to. Both live here because neither makes sense without the other.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { change } from "./change.ts";
import { ms, timestamps } from "./columns.ts";

export const peerKinds = ["catalogue", "open-catalog-api"] as const;
export type PeerKind = (typeof peerKinds)[number];
/** snapshot: bootstrapping (cursor is a snapshot cursor); changes: following the feed. */
export const peerPhases = ["snapshot", "changes"] as const;
export type PeerPhase = (typeof peerPhases)[number];
export const peerStatuses = ["new", "ok", "failing"] as const;
export type PeerStatus = (typeof peerStatuses)[number];

export const peer = sqliteTable(
  "peer",
  {
    /** The peer's catalogue id (from its descriptor); for an open-catalog-api mirror, its host name. */
    id: text("id").primaryKey(),
    kind: text("kind", { enum: peerKinds }).notNull(),
    name: text("name").notNull(),
    baseUrl: text("base_url").notNull(),
    phase: text("phase", { enum: peerPhases }).notNull().default("snapshot"),
    /** The peer's opaque cursor to continue from; null = start of the current phase. */
    cursor: text("cursor"),
    /**
     * Set when the peer answered 410 (it compacted past our cursor): the next snapshot is read in one run from
     * its start, and what we hold from this peer that neither it nor the changes after it list is withdrawn.
     */
    resyncPending: integer("resync_pending", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: peerStatuses }).notNull().default("new"),
    lastSuccessAt: ms("last_success_at"),
    lastAttemptAt: ms("last_attempt_at"),
    lastError: text("last_error"),
    recordsImported: integer("records_imported").notNull().default(0),
    recordsRejected: integer("records_rejected").notNull().default(0),
    /** Consecutive failed syncs: the backoff exponent. */
    failures: integer("failures").notNull().default(0),
    nextAttemptAt: ms("next_attempt_at"),
    ...timestamps,
  },
  (t) => [
    // "which peers are due?" for the sync-all run.
    index("peer_next_attempt_idx").on(t.nextAttemptAt),
  ],
);

export const federationRecord = sqliteTable(
  "federation_record",
  {
    seq: integer("seq")
      .primaryKey()
      .references(() => change.seq, { onDelete: "cascade" }),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** The signed record as served (JSON). */
    record: text("record", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    // the latest relayed record of one entity (local edits of a relayed copy re-serve it).
    index("federation_record_entity_idx").on(t.entityType, t.entityId, t.seq),
    // a removed copy of a peer's publisher leaves no row, only its stored tombstone: found by its origin, so
    // an older version relayed late cannot bring it back. Partial: software records are never parsed for it.
    index("federation_record_publisher_origin_idx")
      .on(
        sql`json_extract(record, '$.provenance.origin.catalogueId')`,
        sql`json_extract(record, '$.id')`,
        t.seq,
      )
      .where(sql`entity_type = 'publisher'`),
  ],
);

export type PeerRow = typeof peer.$inferSelect;
