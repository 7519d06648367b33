// Facet counts of a search. With no text and no filter they are read from software_facet_count (kept by the
// verbs); otherwise they are counted over the result rows with the in-memory facet index (facet-cache.ts).
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type FacetName, facetNames } from "../../db/schema/index.ts";
import type { DbOrTx } from "../context.ts";
import { countWithIndex, facetIndex } from "./facet-cache.ts";

export type FacetCounts = Partial<Record<FacetName, { value: string; count: number }[]>>;

function sorted(rows: { facet: FacetName; value: string; n: number }[], perFacet: number): FacetCounts {
  const result: FacetCounts = Object.fromEntries(facetNames.map((f) => [f, []]));
  for (const r of rows) result[r.facet]?.push({ value: r.value, count: r.n });
  for (const f of facetNames) {
    result[f] = result[f]!.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(
      0,
      perFacet,
    );
  }
  return result;
}

/** Counts over every active software. */
export function countAllFacets(tx: DbOrTx, perFacet: number): FacetCounts {
  return sorted(tx.all(sql`SELECT facet, value, count AS n FROM software_facet_count`), perFacet);
}

/** Counts over the given software rows. */
export function countFacets(db: Db, tx: DbOrTx, rowIds: number[], perFacet: number): FacetCounts {
  const result: FacetCounts = Object.fromEntries(facetNames.map((f) => [f, []]));
  if (rowIds.length === 0) return result;
  for (const [facet, list] of countWithIndex(facetIndex(db, tx), rowIds, perFacet)) result[facet] = list;
  return result;
}
