// Keyset pagination in both directions, for every list verb: rows in a fixed total order (a sort key unique per
// row, e.g. (updated_at, row_id)), a page starts after a cursor (forward) or ends before one (backward), and each
// page says where its neighbours start. Cursors are the key of a row (cursor.ts), so a page stays stable while
// rows are added elsewhere in the list, and the SQL is a range on the list's index in either direction.
import { and, asc, desc, eq, gt, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { InvalidInputError } from "../errors.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

/** One column of a sort key and how its value travels in a cursor (times as epoch milliseconds). */
export interface KeyPart {
  column: SQLiteColumn;
  kind: "time" | "integer" | "text";
}

export interface KeysetOrder<Row> {
  /** The sort key, most significant first; unique per row taken together. */
  key: readonly KeyPart[];
  /** List order of every key column: "desc" lists the largest (newest) first. */
  direction: "asc" | "desc";
  /** A row's key values, in `key` order, as the columns hold them (Date for times). */
  keyOf(row: Row): unknown[];
}

export interface KeysetQuery {
  /** Rows after this cursor, in list order. */
  after?: string | undefined;
  /** Rows before this cursor: the page that ends just before it. */
  before?: string | undefined;
  limit: number;
}

export interface KeysetPage<Row> {
  /** In list order, whichever way the page was asked for. */
  rows: Row[];
  /** Cursor of the page after this one (pass as `after`); null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one (pass as `before`); null on the first page. */
  prevCursor: string | null;
}

/** The caller's query: its own conditions AND `where` (none: from the start), in `orderBy`, at most `limit` rows. */
export type KeysetFetch<Row> = (where: SQL | undefined, orderBy: SQL[], limit: number) => Row[];

const invalid = () =>
  new InvalidInputError("invalid cursor", [{ field: "cursor", message: "not a cursor from this API" }]);

function toCursor(key: readonly KeyPart[], values: unknown[]): string {
  return encodeCursor(values.map((v, i) => (key[i]!.kind === "time" ? (v as Date).getTime() : v)));
}

function fromCursor(key: readonly KeyPart[], cursor: string): unknown[] {
  return decodeCursor(cursor, key.length).map((v, i) => {
    const { kind } = key[i]!;
    if (kind === "text" && typeof v === "string") return v;
    if (kind === "integer" && Number.isSafeInteger(v)) return v;
    if (kind === "time" && Number.isSafeInteger(v)) return new Date(v as number);
    throw invalid();
  });
}

/** Rows strictly beyond `values` on one side: (a, b) > (x, y) as a > x OR (a = x AND b > y), index-friendly. */
function beyond(key: readonly KeyPart[], values: unknown[], compare: typeof gt): SQL {
  let condition = compare(key.at(-1)!.column, values.at(-1));
  for (let i = key.length - 2; i >= 0; i--) {
    const { column } = key[i]!;
    condition = or(compare(column, values[i]), and(eq(column, values[i]), condition))!;
  }
  return condition;
}

export function keysetPage<Row>(
  order: KeysetOrder<Row>,
  query: KeysetQuery,
  fetch: KeysetFetch<Row>,
): KeysetPage<Row> {
  if (query.after !== undefined && query.before !== undefined) {
    // The JSON:API cursor profile's range pagination; not offered.
    throw new InvalidInputError("page[after] and page[before] cannot be combined", [
      { field: "cursor", message: "pass one of after and before" },
    ]);
  }
  const { key, direction } = order;
  // "Later in the list" is a greater key in an ascending list, a smaller one in a descending list.
  const later = direction === "asc" ? gt : lt;
  const earlier = direction === "asc" ? lt : gt;
  const inOrder = (forward: boolean) =>
    key.map(({ column }) => ((direction === "asc") === forward ? asc(column) : desc(column)));
  const exists = (where: SQL, forward: boolean) => fetch(where, inOrder(forward), 1).length > 0;

  if (query.before !== undefined) {
    // Read backwards from the cursor, then turn the page around.
    const edge = fromCursor(key, query.before);
    const fetched = fetch(beyond(key, edge, earlier), inOrder(false), query.limit + 1);
    const rows = fetched.slice(0, query.limit).reverse();
    const first = rows[0];
    const last = rows.at(-1);
    return {
      rows,
      prevCursor: fetched.length > query.limit && first ? toCursor(key, order.keyOf(first)) : null,
      nextCursor:
        last && exists(beyond(key, order.keyOf(last), later), true) ? toCursor(key, order.keyOf(last)) : null,
    };
  }
  const edge = query.after !== undefined ? fromCursor(key, query.after) : null;
  const fetched = fetch(edge ? beyond(key, edge, later) : undefined, inOrder(true), query.limit + 1);
  const rows = fetched.slice(0, query.limit);
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: fetched.length > query.limit && last ? toCursor(key, order.keyOf(last)) : null,
    // From the start of the list nothing comes before; after a cursor, ask (the cursor's row may be gone).
    prevCursor:
      edge && first && exists(beyond(key, order.keyOf(first), earlier), false)
        ? toCursor(key, order.keyOf(first))
        : null,
  };
}
