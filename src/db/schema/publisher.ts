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
    // Provenance, for federation: set on a copy of a peer's publisher (null for publishers registered here).
    originCatalogueId: text("origin_catalogue_id"),
    originPublisherId: text("origin_publisher_id"),
    relayChain: text("relay_chain", { mode: "json" }).$type<string[]>(),
    signature: text("signature"),
    ...timestamps,
  },
  (t) => [
    // listPublishers: keyset pagination ordered by (created_at, id).
    index("publisher_created_idx").on(t.createdAt, t.id),
    // federation: find the local copy of a peer's publisher record.
    index("publisher_origin_idx").on(t.originCatalogueId, t.originPublisherId),
  ],
);

export type PublisherRow = typeof publisher.$inferSelect;
