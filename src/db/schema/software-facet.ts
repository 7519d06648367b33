// Multi-valued search facets of searchable (active) software, one row per (software, facet, value), so a
// filter is an index lookup and facet counts are an index-only GROUP BY. Kept in sync by the verbs
// (src/services/search/index-software.ts) in the same transaction as the software write.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { software } from "./software.ts";

export const facetNames = [
  "category",
  "platform",
  "license",
  "language",
  "country",
  "developmentStatus",
  "softwareType",
  "publisher",
] as const;
export type FacetName = (typeof facetNames)[number];

export const softwareFacet = sqliteTable(
  "software_facet",
  {
    softwareRow: integer("software_row")
      .notNull()
      .references(() => software.rowId, { onDelete: "cascade" }),
    facet: text("facet", { enum: facetNames }).notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    // facet counts over a result set: (software_row) → its facet values, index-only.
    primaryKey({ columns: [t.softwareRow, t.facet, t.value] }),
    // filters: "software with facet = value", index-only, rows in software_row order.
    index("software_facet_value_idx").on(t.facet, t.value, t.softwareRow),
  ],
);
