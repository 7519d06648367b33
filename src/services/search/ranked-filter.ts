// Text search with facet filters, filtered in memory: the facet index (facet-cache.ts) says whether a row
// carries one of the wanted values of every filtered facet. Letting SQLite do it means building an IN list
// from each facet's index range per query (tens of ms for a broad facet such as platform=web at 100k software).
//
// The test runs inside the FTS query, as an SQL function in its WHERE clause: SQLite computes bm25 (the
// costly part: it reads every matching row's term positions) only for the rows that pass, so a search whose
// filters keep 759 of 12,747 matches ranks 759 (about 2.5× faster at 100k software than ranking all and
// filtering after). Asking FTS5 to rank a given list of rows instead (rowid IN …) runs the whole text query
// once per row, which is far slower.
import type Database from "better-sqlite3";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { FacetName } from "../../db/schema/index.ts";
import type { DbOrTx } from "../context.ts";
import type { FacetIndex } from "./facet-cache.ts";

type Keep = (row: number) => boolean;

// The predicate of the statement running now, per connection: better-sqlite3 runs one statement at a time
// and synchronously, so it is set just before the query and cleared right after. The SQL function holds the
// slot itself, so a call (one per FTS match: 12,747 for the bench query) is a field read, not a map lookup.
const slots = new WeakMap<Database.Database, { keep: Keep }>();
const keepNothing: Keep = () => false;

/** The better-sqlite3 connection under drizzle (what createDb built it on). */
const clientOf = (db: Db): Database.Database => (db as Db & { $client: Database.Database }).$client;

function keepSlot(client: Database.Database): { keep: Keep } {
  const existing = slots.get(client);
  if (existing) return existing;
  const slot = { keep: keepNothing };
  slots.set(client, slot);
  // directOnly: not callable from views, triggers or schema (a search helper, not part of the database).
  client.function("search_keep", { deterministic: false, directOnly: true }, (row: unknown) =>
    slot.keep(row as number) ? 1 : 0,
  );
  return slot;
}

/**
 * Whether a row carries one of the wanted values of every filtered facet. Each wanted value id maps to its
 * facet's bit, so a row is one pass over its few value ids with no sets or closures: it runs once per FTS
 * match, and with Set lookups it took the bench search from 14 to 16 ms (verb alone, 100k software).
 */
function facetPredicate(
  index: FacetIndex,
  filters: Partial<Record<FacetName, string | string[]>>,
): Keep | null {
  const bitOf = new Uint32Array(index.facetOf.length);
  const facets = Object.entries(filters);
  for (const [position, [facet, value]] of facets.entries()) {
    let known = false;
    for (const v of Array.isArray(value) ? value : [value]) {
      const id = index.ids.get(`${facet}\u0000${v}`);
      if (id !== undefined) {
        bitOf[id] = 1 << position;
        known = true;
      }
    }
    if (!known) return null; // no software has any of this facet's values
  }
  const all = 2 ** facets.length - 1;
  return (row) => {
    const ids = index.rows[row];
    if (ids === undefined) return false;
    let bits = 0;
    for (let i = 0; i < ids.length; i++) bits |= bitOf[ids[i]!]!;
    return bits === all;
  };
}

export function rankedFilteredRows(
  db: Db,
  tx: DbOrTx,
  index: FacetIndex,
  match: string,
  filters: Partial<Record<FacetName, string | string[]>>,
  extra: SQL[],
): [number, number][] {
  const keep = facetPredicate(index, filters);
  if (keep === null) return [];
  const slot = keepSlot(clientOf(db));
  // "+rowid": keeps the argument from being offered to FTS5 as a rowid constraint.
  const where = sql.join([sql`software_fts MATCH ${match}`, sql`search_keep(+rowid)`, ...extra], sql` AND `);
  slot.keep = keep;
  try {
    const rows = tx.values<[number, number]>(
      sql`SELECT rowid, bm25(software_fts, 10.0, 3.0, 1.0) FROM software_fts WHERE ${where}`,
    );
    return rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  } finally {
    slot.keep = keepNothing;
  }
}
