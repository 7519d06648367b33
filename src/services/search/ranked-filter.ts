// Text search with facet filters, filtered in memory: the FTS matches (rowid, bm25) are read once and kept
// when the facet index (facet-cache.ts) says the row carries one of the wanted values of every filtered
// facet. Letting SQLite do it means building an IN list from each facet's index range per query (tens of ms
// for a broad facet such as platform=web at 100k software); here the cost is the text match alone.
import { type SQL, sql } from "drizzle-orm";
import type { FacetName } from "../../db/schema/index.ts";
import type { DbOrTx } from "../context.ts";
import type { FacetIndex } from "./facet-cache.ts";

export function rankedFilteredRows(
  tx: DbOrTx,
  index: FacetIndex,
  match: string,
  filters: Partial<Record<FacetName, string | string[]>>,
  extra: SQL[],
): [number, number][] {
  const wanted = Object.entries(filters).map(([facet, value]) => {
    const ids = new Set<number>();
    for (const v of Array.isArray(value) ? value : [value]) {
      const id = index.ids.get(`${facet}\u0000${v}`);
      if (id !== undefined) ids.add(id);
    }
    return ids;
  });
  if (wanted.some((ids) => ids.size === 0)) return [];
  const where = sql.join([sql`software_fts MATCH ${match}`, ...extra], sql` AND `);
  const all = tx.values<[number, number]>(
    sql`SELECT rowid, bm25(software_fts, 10.0, 3.0, 1.0) FROM software_fts WHERE ${where}`,
  );
  const kept = all.filter(([row]) => {
    const ids = index.rows[row];
    if (!ids) return false;
    return wanted.every((set) => ids.some((id) => set.has(id)));
  });
  return kept.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
