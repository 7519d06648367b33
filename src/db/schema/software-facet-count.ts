// How many active software carry each facet value: the facet counts of an unfiltered search, read in O(values)
// instead of a GROUP BY over every software_facet row. Maintained with software_facet by the same verbs.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { facetNames } from "./software-facet.ts";

export const softwareFacetCount = sqliteTable(
  "software_facet_count",
  {
    facet: text("facet", { enum: facetNames }).notNull(),
    value: text("value").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    // unfiltered facet counts, and the increment/decrement of one (facet, value).
    primaryKey({ columns: [t.facet, t.value] }),
  ],
);
