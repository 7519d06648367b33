// An in-memory copy of software_facet (row → facet value ids), so facet counts over a large result set are a
// tight loop over typed arrays instead of a GROUP BY over tens of thousands of joined rows (which SQLite
// answers in 50–150 ms at 100k software). It is derived data: the database stays the truth, and the copy is
// brought up to date from the change log (every write that re-indexes software appends a change row) before
// each use, so a write from another process is seen by the next search.
//
// Kept per Db handle in a WeakMap: a cache, not state — dropping it changes timings, never results.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { FacetName } from "../../db/schema/index.ts";
import { changeLogHead } from "../changes/head.ts";
import type { DbOrTx } from "../context.ts";

export interface FacetIndex {
  lastSeq: number;
  rows: (Uint32Array | undefined)[];
  ids: Map<string, number>;
  facetOf: FacetName[];
  valueOf: string[];
}

// Beyond this many changed software since the last look, a full reload is cheaper than row-by-row updates.
const incrementalLimit = 2000;
const caches = new WeakMap<object, FacetIndex>();

function valueId(index: FacetIndex, facet: FacetName, value: string): number {
  const key = `${facet}\u0000${value}`;
  let id = index.ids.get(key);
  if (id === undefined) {
    id = index.facetOf.length;
    index.ids.set(key, id);
    index.facetOf.push(facet);
    index.valueOf.push(value);
  }
  return id;
}

function load(tx: DbOrTx, index: FacetIndex, where: ReturnType<typeof sql>): void {
  const rows = tx.values<[number, FacetName, string]>(
    sql`SELECT software_row, facet, value FROM software_facet WHERE ${where} ORDER BY software_row`,
  );
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]![0];
    const ids: number[] = [];
    for (; i < rows.length && rows[i]![0] === row; i++) ids.push(valueId(index, rows[i]![1], rows[i]![2]));
    index.rows[row] = Uint32Array.from(ids);
  }
}

function fresh(tx: DbOrTx, lastSeq: number): FacetIndex {
  const index: FacetIndex = { lastSeq, rows: [], ids: new Map(), facetOf: [], valueOf: [] };
  load(tx, index, sql`1`);
  return index;
}

/** The facet index of `db`, brought up to date inside the caller's (read) transaction. */
export function facetIndex(db: Db, tx: DbOrTx): FacetIndex {
  const lastSeq = changeLogHead(tx);
  let index = caches.get(db);
  if (index && index.lastSeq === lastSeq) return index;
  if (index && lastSeq > index.lastSeq) {
    const changed = tx.all<{ type: string; id: string }>(
      sql`SELECT DISTINCT entity_type AS type, entity_id AS id FROM change WHERE seq > ${index.lastSeq} LIMIT ${incrementalLimit + 1}`,
    );
    // A deleted publisher drops a facet value from many software at once: reload everything.
    const publisherChange = changed.some((c) => c.type === "publisher");
    if (changed.length <= incrementalLimit && !publisherChange) {
      const ids = changed.map((c) => c.id);
      const rowIds = tx.all<{ r: number }>(
        sql`SELECT row_id AS r FROM software WHERE id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      );
      for (const { r } of rowIds) index.rows[r] = undefined;
      if (rowIds.length > 0) {
        load(
          tx,
          index,
          sql`software_row IN (${sql.join(
            rowIds.map(({ r }) => sql`${r}`),
            sql`, `,
          )})`,
        );
      }
      index.lastSeq = lastSeq;
      return index;
    }
  }
  index = fresh(tx, lastSeq);
  caches.set(db, index);
  return index;
}

/** Facet value counts over the given software rows, most frequent first, `perFacet` per facet. */
export function countWithIndex(
  index: FacetIndex,
  rowIds: number[],
  perFacet: number,
): Map<FacetName, { value: string; count: number }[]> {
  const counts = new Uint32Array(index.facetOf.length);
  for (const row of rowIds) {
    const ids = index.rows[row];
    if (ids) for (const id of ids) counts[id]!++;
  }
  const result = new Map<FacetName, { value: string; count: number }[]>();
  counts.forEach((n, id) => {
    if (n === 0) return;
    const facet = index.facetOf[id]!;
    if (!result.has(facet)) result.set(facet, []);
    result.get(facet)!.push({ value: index.valueOf[id]!, count: n });
  });
  for (const [facet, list] of result) {
    result.set(
      facet,
      list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, perFacet),
    );
  }
  return result;
}
