// Every distinct publiccode.yml fetched for a software (one row per blob sha seen), valid or not.
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";
import { software } from "./software.ts";

export const softwareVersion = sqliteTable(
  "software_version",
  {
    id: text("id").primaryKey(),
    softwareId: text("software_id")
      .notNull()
      .references(() => software.id, { onDelete: "cascade" }),
    raw: blob("raw", { mode: "buffer" }).notNull(),
    blobSha: text("blob_sha"),
    valid: integer("valid", { mode: "boolean" }).notNull(),
    publiccodeYmlVersion: text("publiccode_yml_version"),
    /** Normalised document when valid, for audits and for going back to it. */
    document: text("document", { mode: "json" }).$type<Record<string, unknown>>(),
    /** What the forge answered (e.g. "200", "404", "moved"), for the harvest status. */
    forgeStatus: text("forge_status"),
    fetchedAt: ms("fetched_at").notNull(),
  },
  (t) => [
    // latest version of a software (harvest status, unchanged-blob check): its rows in rowid (insertion) order.
    index("software_version_software_idx").on(t.softwareId),
  ],
);

export type SoftwareVersionRow = typeof softwareVersion.$inferSelect;
