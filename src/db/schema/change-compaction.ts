// Where compaction of the change log stands (docs/federation.md §3.3): one row, id 1. Tombstones and superseded
// entries older than the retention are deleted from `change`; `horizonSeq` is the highest seq ever deleted,
// so a changes cursor below it may have missed an entry and is answered 410 (cursor-expired).
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

export const changeCompaction = sqliteTable("change_compaction", {
  /** Always 1: the log has one horizon. */
  id: integer("id").primaryKey(),
  horizonSeq: integer("horizon_seq").notNull().default(0),
  /** When compaction last ran (whether or not it deleted anything): the schedule's clock. */
  lastRunAt: ms("last_run_at"),
  /** Entries deleted by the last run. */
  lastRemoved: integer("last_removed").notNull().default(0),
});

export type ChangeCompactionRow = typeof changeCompaction.$inferSelect;
