// Facet counts over a filtered result set. Driven from the set (CROSS JOIN keeps SQLite's loop order): for
// each result row, its facet rows by primary-key prefix, then one GROUP BY. With no filter at all the counts
// are read from software_facet_count, maintained by the verbs.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type FacetName, facetNames } from "../../db/schema/index.ts";

export type FacetCounts = Partial<Record<FacetName, { value: string; count: number }[]>>;

export function countFacets(db: Db, rowSet: SQL, total: number, perFacet: number, unfiltered = false): FacetCounts {
  const result: FacetCounts = Object.fromEntries(facetNames.map((f) => [f, []]));
  if (total === 0) return result;
  const rows = db.all<{ facet: FacetName; value: string; n: number }>(
    unfiltered
      ? sql`SELECT facet, value, count AS n FROM software_facet_count`
      : sql`SELECT f.facet, f.value, count(*) AS n FROM (${rowSet}) r CROSS JOIN software_facet f ON f.software_row = r.id
          GROUP BY f.facet, f.value`,
  );
  for (const r of rows) result[r.facet]?.push({ value: r.value, count: r.n });
  for (const f of facetNames) {
    result[f] = result[f]!.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, perFacet);
  }
  return result;
}
