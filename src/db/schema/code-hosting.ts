// Where a publisher's software lives: an organisation / group (group = true) or a single repository.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms, timestamps } from "./columns.ts";
import { forge } from "./forge.ts";
import { publisher } from "./publisher.ts";

export const codeHosting = sqliteTable(
  "code_hosting",
  {
    id: text("id").primaryKey(),
    publisherId: text("publisher_id")
      .notNull()
      .references(() => publisher.id, { onDelete: "cascade" }),
    /** Canonical URL (src/lib/url.ts); unique: one source belongs to one publisher. */
    url: text("url").notNull().unique(),
    group: integer("group", { mode: "boolean" }).notNull().default(true),
    forgeId: text("forge_id").references(() => forge.id),
    lastCrawledAt: ms("last_crawled_at"),
    nextCrawlAt: ms("next_crawl_at"),
    lastError: text("last_error"),
    ...timestamps,
  },
  (t) => [
    // listSources({ publisherId }): a publisher's sources.
    index("code_hosting_publisher_idx").on(t.publisherId),
    // the scheduler's "which sources are due?": next_crawl_at <= now, oldest first.
    index("code_hosting_due_idx").on(t.nextCrawlAt),
  ],
);

export type CodeHostingRow = typeof codeHosting.$inferSelect;
