// Human-readable harvest and admin logs, per software or global (software_id null).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";
import { software } from "./software.ts";

export const log = sqliteTable(
  "log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    softwareId: text("software_id").references(() => software.id, { onDelete: "cascade" }),
    /** What the entry is about when it is not a software, e.g. "publisher:<id>" or "source:<url>". */
    entity: text("entity"),
    message: text("message").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    // listLogs({ softwareId }): one software's log, newest first, keyset on id.
    index("log_software_idx").on(t.softwareId, t.id),
  ],
);
