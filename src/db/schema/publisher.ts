// A public body (or group of them) that publishes software on one or more code-hosting sources.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns.ts";

export const publisher = sqliteTable(
  "publisher",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** External identifier URI, e.g. "urn:x-italian-pa:c_h501" (IPA) or a Dutch TOOI URI; unique when set. */
    alternativeId: text("alternative_id").unique(),
    /** ISO 3166-1 alpha-2, upper case; null for international bodies. */
    country: text("country"),
    email: text("email"),
    description: text("description"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // listPublishers: keyset pagination ordered by (created_at, id).
    index("publisher_created_idx").on(t.createdAt, t.id),
  ],
);

export type PublisherRow = typeof publisher.$inferSelect;
