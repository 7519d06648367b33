// Append-only change log: one row per create/update/delete of a software or publisher, written in the same
// transaction as the change. seq is AUTOINCREMENT so it never goes back, even after deletes; the federation
// feed reads it in seq order.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

export const changeActions = ["create", "update", "delete"] as const;
export type ChangeAction = (typeof changeActions)[number];
export const changeEntities = ["software", "publisher"] as const;
export type ChangeEntity = (typeof changeEntities)[number];

export const change = sqliteTable(
  "change",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type", { enum: changeEntities }).notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action", { enum: changeActions }).notNull(),
    reason: text("reason"),
    actor: text("actor").notNull(),
    at: ms("at").notNull(),
    /**
     * The record after the change; for a delete, the tombstone. For a copy synced from a peer, only its names
     * and origin: the record as received (federation_record, same seq) holds the document.
     */
    snapshot: text("snapshot", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    // the history of one entity (audit view).
    index("change_entity_idx").on(t.entityType, t.entityId, t.seq),
  ],
);

export type ChangeRow = typeof change.$inferSelect;
