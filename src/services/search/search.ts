// searchSoftware: FTS5 + facet filters + facet counts + cursor pagination over active software.
// With text: ranked by bm25 (name weighs 10, short descriptions 3, long descriptions and features 1), ties by
// row; the candidate set is computed on the FTS side (software_fts only holds active software) and the
// software table is read for the page only. Without text: active software, most recently updated first, from
// the (state, updated_at, row_id) index. Filters are IN-subqueries on software_facet's (facet, value) index.
import { inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { type FacetName, facetNames, software } from "../../db/schema/index.ts";
import type { DbOrTx, VerbArgs } from "../context.ts";
import { InvalidInputError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "../lib/cursor.ts";
import { countWithIndex, facetIndex } from "./facet-cache.ts";
import { countAllFacets, countFacets, type FacetCounts } from "./facets.ts";
import { toFtsQuery } from "./fts-query.ts";
import { rankedFilteredRows } from "./ranked-filter.ts";
import { cachedSearch } from "./result-cache.ts";
import { type SearchSoftwareInput, searchSoftwareInput } from "./schemas.ts";

type SearchParams = z.output<typeof searchSoftwareInput>;

export interface SearchHit {
  id: string;
  url: string;
  name: string | null;
  description: string | null;
  /** Higher is more relevant; 0 without a text query. */
  score: number;
  publisherId: string | null;
  updatedAt: Date;
}

export interface SearchResult {
  data: SearchHit[];
  facets: FacetCounts;
  total: number;
  nextCursor: string | null;
}

export async function searchSoftware({ ctx, input }: VerbArgs<SearchSoftwareInput>): Promise<SearchResult> {
  const params = searchSoftwareInput.parse(input);
  const match = params.q ? toFtsQuery(params.q) : null;
  // Repeated searches between writes are answered from memory (result-cache.ts) before any SQL is built.
  return cachedSearch(ctx.db, searchKey(params, match), (tx) => runSearch(ctx.db, tx, params, match));
}

/**
 * The result-cache key: every parsed parameter, with the FTS expression for the text and the filters in facet
 * order, so one search typed two ways is one entry. A plain JSON.stringify (zod's output has its keys in schema
 * order): a replacer sorting keys at every level cost more than the rest of a cache hit. Any other key order
 * could only cost a miss, never a wrong hit: the key names every parameter with its value.
 */
export function searchKey(params: SearchParams, match: string | null): string {
  const filters: [FacetName, string | string[]][] = [];
  for (const facet of facetNames) {
    const value = params.filters[facet];
    if (value !== undefined) filters.push([facet, value]);
  }
  return JSON.stringify({ ...params, q: match, filters });
}

/** The search itself, inside the caller's read transaction. */
function runSearch(db: Db, tx: DbOrTx, params: SearchParams, match: string | null): SearchResult {
  if (match !== null && Object.keys(params.filters).length > 0)
    return rankedFilteredSearch(db, tx, params, match);
  const ranked = match !== null;
  const key = ranked ? sql`rowid` : sql`row_id`;
  const conditions = [
    ranked ? sql`software_fts MATCH ${match}` : sql`state = 'active'`,
    // "+rowid": the unary plus keeps SQLite from handing the IN list to FTS5 as a rowid constraint, which makes
    // it run the full-text query once per listed row (93 s instead of 50 ms at 100k software).
    ...filterConditions(ranked, ranked ? sql`+rowid` : key, params.filters, params.updatedSince),
  ];
  const where = sql.join(conditions, sql` AND `);
  // Without text, read software through its (state, updated_at, row_id) index only: the rows themselves are
  // wide (documents), and the index is both covering and in page order.
  const table = ranked ? sql`software_fts` : sql`software INDEXED BY software_state_updated_idx`;
  const candidates = ranked
    ? sql`SELECT rowid AS row_id, bm25(software_fts, 10.0, 3.0, 1.0) AS sort FROM software_fts WHERE ${where}`
    : sql`SELECT row_id, updated_at AS sort FROM ${table} WHERE ${where}`;
  const after = params.cursor ? cursorCondition(params.cursor, ranked) : sql`1`;
  const order = ranked ? sql`sort ASC, row_id ASC` : sql`sort DESC, row_id DESC`;
  const unfiltered = conditions.length === 1 && !ranked;
  const page = tx.all<{ row_id: number; sort: number }>(
    sql`SELECT row_id, sort FROM (${candidates}) WHERE ${after} ORDER BY ${order} LIMIT ${params.limit + 1}`,
  );
  const hits = page.slice(0, params.limit);
  let total: number;
  let facets: FacetCounts = {};
  if (params.facets && !unfiltered) {
    // The result rows serve both the total and the facet counts.
    const rowIds = tx.values<[number]>(rowSetQuery(ranked, table, where, params)).map((r) => r[0]);
    total = rowIds.length;
    facets = countFacets(db, tx, rowIds, params.facetLimit);
  } else {
    total = tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${table} WHERE ${where}`)?.n ?? 0;
    if (params.facets) facets = countAllFacets(tx, params.facetLimit);
  }
  const last = hits.at(-1);
  return {
    data: loadHits(tx, hits, ranked, params.lang),
    facets,
    total,
    nextCursor:
      page.length > params.limit && last ? encodeCursor([ranked ? "r" : "u", last.sort, last.row_id]) : null,
  };
}

/** Text with filters: the filters are tested inside the FTS query, so bm25 ranks only the rows they keep. */
function rankedFilteredSearch(db: Db, tx: DbOrTx, params: SearchParams, match: string): SearchResult {
  const index = facetIndex(db, tx);
  const since = params.updatedSince
    ? [sql`+rowid IN (SELECT row_id FROM software WHERE updated_at >= ${params.updatedSince.getTime()})`]
    : [];
  const rows = rankedFilteredRows(db, tx, index, match, params.filters, since);
  const start = params.cursor ? startAfter(rows, params.cursor) : 0;
  const page = rows.slice(start, start + params.limit + 1).map(([row_id, sort]) => ({ row_id, sort }));
  const hits = page.slice(0, params.limit);
  const last = hits.at(-1);
  const facets: FacetCounts = {};
  if (params.facets) {
    for (const [facet, list] of countWithIndex(
      index,
      rows.map((r) => r[0]),
      params.facetLimit,
    ))
      facets[facet] = list;
  }
  return {
    data: loadHits(tx, hits, true, params.lang),
    facets: params.facets ? { ...emptyFacets(), ...facets } : {},
    total: rows.length,
    nextCursor: page.length > params.limit && last ? encodeCursor(["r", last.sort, last.row_id]) : null,
  };
}

function filterConditions(
  ranked: boolean,
  key: SQL,
  filters: Partial<Record<FacetName, string | string[]>>,
  since?: Date,
): SQL[] {
  const conditions = Object.entries(filters).map(([facet, value]) => {
    const values = (Array.isArray(value) ? value : [value]).map((v) => sql`${v}`);
    return sql`${key} IN (SELECT software_row FROM software_facet WHERE facet = ${facet} AND value IN (${sql.join(values, sql`, `)}))`;
  });
  if (since) {
    // On software itself a plain comparison; from the FTS side, an index-only subquery (software_updated_idx).
    conditions.push(
      ranked
        ? sql`${key} IN (SELECT row_id FROM software WHERE updated_at >= ${since.getTime()})`
        : sql`updated_at >= ${since.getTime()}`,
    );
  }
  return conditions;
}

// The result rows. Without text but with a facet filter, software_facet alone answers (it only holds active
// software), driven by the first filter's (facet, value) index range; software is never read.
function rowSetQuery(ranked: boolean, table: SQL, where: SQL, params: SearchParams): SQL {
  const [first, ...rest] = Object.entries(params.filters);
  if (ranked || !first) return sql`SELECT ${ranked ? sql`rowid` : sql`row_id`} FROM ${table} WHERE ${where}`;
  const others = filterConditions(false, sql`software_row`, Object.fromEntries(rest), undefined);
  if (params.updatedSince) {
    others.push(
      sql`software_row IN (SELECT row_id FROM software WHERE updated_at >= ${params.updatedSince.getTime()})`,
    );
  }
  const [facet, value] = first;
  const values = (Array.isArray(value) ? value : [value]).map((v) => sql`${v}`);
  const conditions = [sql`facet = ${facet}`, sql`value IN (${sql.join(values, sql`, `)})`, ...others];
  return sql`SELECT DISTINCT software_row FROM software_facet WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** Position after the cursor's (score, row) in rows sorted by (score, row). */
function startAfter(rows: [number, number][], cursor: string): number {
  cursorCondition(cursor, true); // validates
  const [, sort, rowId] = decodeCursor(cursor, 3) as [string, number, number];
  const i = rows.findIndex(([r, s]) => s > sort || (s === sort && r > rowId));
  return i === -1 ? rows.length : i;
}

const emptyFacets = (): FacetCounts => Object.fromEntries(facetNames.map((f) => [f, []]));

function cursorCondition(cursor: string, ranked: boolean): SQL {
  const [kind, sort, rowId] = decodeCursor(cursor, 3);
  if (kind !== (ranked ? "r" : "u") || typeof sort !== "number" || typeof rowId !== "number") {
    // A cursor from another kind of query (text vs no text): the same answer as a tampered one.
    throw new InvalidInputError("invalid cursor", [
      { field: "cursor", message: "not a cursor for this query" },
    ]);
  }
  return ranked
    ? sql`(sort > ${sort} OR (sort = ${sort} AND row_id > ${rowId}))`
    : sql`(sort < ${sort} OR (sort = ${sort} AND row_id < ${rowId}))`;
}

function loadHits(
  tx: DbOrTx,
  page: { row_id: number; sort: number }[],
  ranked: boolean,
  lang?: string,
): SearchHit[] {
  if (page.length === 0) return [];
  const rows = tx
    .select({
      rowId: software.rowId,
      id: software.id,
      url: software.url,
      name: software.name,
      descriptions: software.descriptions,
      publisherId: software.publisherId,
      updatedAt: software.updatedAt,
    })
    .from(software)
    .where(
      inArray(
        software.rowId,
        page.map((p) => p.row_id),
      ),
    )
    .all();
  const byRow = new Map(rows.map((r) => [r.rowId, r]));
  return page.flatMap((p) => {
    const r = byRow.get(p.row_id);
    if (!r) return [];
    return [
      {
        id: r.id,
        url: r.url,
        name: r.name,
        description: pickDescription(r.descriptions ?? {}, lang),
        score: ranked ? -p.sort : 0,
        publisherId: r.publisherId,
        updatedAt: r.updatedAt,
      },
    ];
  });
}

function pickDescription(
  descriptions: Record<string, { shortDescription?: string }>,
  lang?: string,
): string | null {
  const langs = Object.keys(descriptions);
  const pick =
    (lang ? (langs.find((l) => l === lang) ?? langs.find((l) => l.startsWith(`${lang}-`))) : undefined) ??
    langs.find((l) => l === "en" || l.startsWith("en-")) ??
    langs[0];
  return pick ? (descriptions[pick]?.shortDescription ?? null) : null;
}
