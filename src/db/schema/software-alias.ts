// Former or alternative URLs of a software (renamed repositories, moved organisations): lookups by URL
// check the canonical url first, then here.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";
import { software } from "./software.ts";

export const softwareAlias = sqliteTable(
  "software_alias",
  {
    /** Canonical URL; primary key: serves findSoftwareByUrl. */
    url: text("url").primaryKey(),
    softwareId: text("software_id")
      .notNull()
      .references(() => software.id, { onDelete: "cascade" }),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    // the aliases of one software, for its API representation.
    index("software_alias_software_idx").on(t.softwareId),
  ],
);
