// Keeps the search tables (software_fts, software_facet, software_facet_count) in step with one software row.
// Called by every verb that writes software, inside its transaction: only active software is searchable, so a
// software leaving "active" is unindexed in the same commit.
import { sql } from "drizzle-orm";
import type { FacetName, SoftwareRow } from "../../db/schema/index.ts";
import { rawStatement } from "../../db/statement-cache.ts";
import type { DbOrTx } from "../context.ts";
import { licenseIds } from "./license-ids.ts";

/** Removes facet rows (and their counts) matching `where`, a condition on software_facet. */
export function deleteFacets(tx: DbOrTx, where: ReturnType<typeof sql>): void {
  tx.run(sql`UPDATE software_facet_count SET count = count - 1
    WHERE (facet, value) IN (SELECT facet, value FROM software_facet WHERE ${where})`);
  tx.run(sql`DELETE FROM software_facet_count WHERE count <= 0`);
  tx.run(sql`DELETE FROM software_facet WHERE ${where}`);
}

// Index writes in bulk: inside `withBatchedIndexWrites` (keyed by connection, like the statement cache) the
// per-row facet-count updates are summed in memory and the FTS writes queued, and both are written once when
// the scope ends. Counts: a sync page of 500 software costs a few dozen count updates instead of thousands.
// FTS: FTS5 flushes its pending terms into a new segment at every statement savepoint, and every insert into
// a table with a unique index or AUTOINCREMENT opens one; interleaved with the software and change inserts, each
// FTS row became its own segment, then merged. Queued, they are written back to back, in order.
interface PendingIndexWrites {
  counts: Map<string, number>;
  /** FTS writes in order: a rowid to delete, or a row to insert. */
  fts: FtsWrite[];
}
const pendingWrites = new WeakMap<object, PendingIndexWrites>();
const connectionKey = (tx: DbOrTx): object => (tx as unknown as { session: object }).session;

function addCount(tx: DbOrTx, facet: string, value: string, delta: number): boolean {
  const pending = pendingWrites.get(connectionKey(tx))?.counts;
  if (pending === undefined) return false;
  const key = `${facet}\u0000${value}`;
  pending.set(key, (pending.get(key) ?? 0) + delta);
  return true;
}

type FtsWrite = number | [number, string, string, string];

function runFts(tx: DbOrTx, write: FtsWrite): void {
  if (typeof write === "number") rawStatement(tx, "DELETE FROM software_fts WHERE rowid = ?").run(write);
  else
    rawStatement(tx, "INSERT INTO software_fts (rowid, name, short, long) VALUES (?, ?, ?, ?)").run(...write);
}

/** Queued inside a batch, written at once otherwise. */
function writeFts(tx: DbOrTx, write: FtsWrite): void {
  const pending = pendingWrites.get(connectionKey(tx))?.fts;
  if (pending !== undefined) pending.push(write);
  else runFts(tx, write);
}

/** Runs `fn` (inside the caller's transaction) with its search-index writes batched and written at the end. */
export function withBatchedIndexWrites<T>(tx: DbOrTx, fn: () => T): T {
  const key = connectionKey(tx);
  if (pendingWrites.has(key)) return fn(); // already batching: the outer scope writes
  const pending: PendingIndexWrites = { counts: new Map(), fts: [] };
  pendingWrites.set(key, pending);
  try {
    const result = fn();
    for (const write of pending.fts) runFts(tx, write);
    const upsert = rawStatement(
      tx,
      `INSERT INTO software_facet_count (facet, value, count) VALUES (?, ?, ?)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + excluded.count`,
    );
    for (const [k, delta] of pending.counts) {
      if (delta === 0) continue;
      const at = k.indexOf("\u0000");
      upsert.run(k.slice(0, at), k.slice(at + 1), delta);
    }
    rawStatement(tx, "DELETE FROM software_facet_count WHERE count <= 0").run();
    return result;
  } finally {
    pendingWrites.delete(key);
  }
}

// The per-row statements below run for every software written (2–4 ms a record when drizzle built and
// prepared them each time); they are prepared once per connection, same SQL as deleteFacets.
export function unindexSoftware(tx: DbOrTx, rowId: number): void {
  writeFts(tx, rowId);
  if (pendingWrites.has(connectionKey(tx))) {
    const rows = rawStatement(tx, "SELECT facet, value FROM software_facet WHERE software_row = ?").all(
      rowId,
    ) as { facet: string; value: string }[];
    for (const r of rows) addCount(tx, r.facet, r.value, -1);
  } else {
    rawStatement(
      tx,
      `UPDATE software_facet_count SET count = count - 1
      WHERE (facet, value) IN (SELECT facet, value FROM software_facet WHERE software_row = ?)`,
    ).run(rowId);
    rawStatement(tx, "DELETE FROM software_facet_count WHERE count <= 0").run();
  }
  rawStatement(tx, "DELETE FROM software_facet WHERE software_row = ?").run(rowId);
}

export function facetValues(row: SoftwareRow): { facet: FacetName; value: string }[] {
  const pairs: [FacetName, string | null | undefined][] = [
    ...(row.categories ?? []).map((v): [FacetName, string] => ["category", v]),
    ...(row.platforms ?? []).map((v): [FacetName, string] => ["platform", v]),
    ...(row.languages ?? []).map((v): [FacetName, string] => ["language", v]),
    ...(row.countries ?? []).map((v): [FacetName, string] => ["country", v]),
    ...licenseIds(row.license ?? "").map((v): [FacetName, string] => ["license", v]),
    ["developmentStatus", row.developmentStatus],
    ["softwareType", row.softwareType],
    ["publisher", row.publisherId],
  ];
  const seen = new Set<string>();
  return pairs
    .filter((p): p is [FacetName, string] => typeof p[1] === "string" && p[1] !== "")
    .filter(([f, v]) => !seen.has(`${f}\u0000${v}`) && seen.add(`${f}\u0000${v}`) !== undefined)
    .map(([facet, value]) => ({ facet, value }));
}

const isSearchable = (row: SoftwareRow): boolean => row.state === "active" && Boolean(row.document);

/** The three FTS columns of a row: name, short descriptions, long descriptions with features. */
function ftsText(row: SoftwareRow): [string, string, string] {
  const descriptions = Object.values(row.descriptions ?? {});
  const short = descriptions.map((d) => d.shortDescription ?? "").join("\n");
  const long = descriptions
    .map((d) => [d.longDescription ?? "", ...(d.features ?? [])].join("\n"))
    .join("\n");
  return [row.name ?? "", short, long];
}

function insertFts(tx: DbOrTx, row: SoftwareRow): void {
  writeFts(tx, [row.rowId, ...ftsText(row)]);
}

function insertFacet(tx: DbOrTx, rowId: number, v: { facet: string; value: string }): void {
  rawStatement(tx, "INSERT INTO software_facet (software_row, facet, value) VALUES (?, ?, ?)").run(
    rowId,
    v.facet,
    v.value,
  );
  if (addCount(tx, v.facet, v.value, 1)) return;
  rawStatement(
    tx,
    `INSERT INTO software_facet_count (facet, value, count) VALUES (?, ?, 1)
      ON CONFLICT (facet, value) DO UPDATE SET count = count + 1`,
  ).run(v.facet, v.value);
}

function deleteFacet(tx: DbOrTx, rowId: number, v: { facet: string; value: string }): void {
  rawStatement(tx, "DELETE FROM software_facet WHERE software_row = ? AND facet = ? AND value = ?").run(
    rowId,
    v.facet,
    v.value,
  );
  if (addCount(tx, v.facet, v.value, -1)) return;
  rawStatement(tx, "UPDATE software_facet_count SET count = count - 1 WHERE facet = ? AND value = ?").run(
    v.facet,
    v.value,
  );
  rawStatement(tx, "DELETE FROM software_facet_count WHERE facet = ? AND value = ? AND count <= 0").run(
    v.facet,
    v.value,
  );
}

/** `fresh`: the row was just inserted, so it has no index entries to remove first. */
export function indexSoftware(tx: DbOrTx, row: SoftwareRow, options: { fresh?: boolean } = {}): void {
  if (!options.fresh) unindexSoftware(tx, row.rowId);
  if (!isSearchable(row)) return;
  insertFts(tx, row);
  for (const v of facetValues(row)) insertFacet(tx, row.rowId, v);
}

/**
 * Brings the index from `before` (the row as it was, whose entries the index holds) to `after`, writing only
 * what changed: a re-harvest or a sync that keeps the categories, platforms and licence rewrites no facet row,
 * and one that keeps the texts rewrites no FTS entry (each rewritten entry is a random page at commit).
 */
export function reindexSoftware(tx: DbOrTx, before: SoftwareRow, after: SoftwareRow): void {
  if (!isSearchable(before) || !isSearchable(after)) {
    indexSoftware(tx, after);
    return;
  }
  const [oldText, newText] = [ftsText(before), ftsText(after)];
  if (oldText.some((text, i) => text !== newText[i])) {
    writeFts(tx, after.rowId);
    insertFts(tx, after);
  }
  const key = (v: { facet: string; value: string }) => `${v.facet}\u0000${v.value}`;
  const oldFacets = new Map(facetValues(before).map((v) => [key(v), v]));
  const newFacets = new Map(facetValues(after).map((v) => [key(v), v]));
  for (const [k, v] of oldFacets) if (!newFacets.has(k)) deleteFacet(tx, after.rowId, v);
  for (const [k, v] of newFacets) if (!oldFacets.has(k)) insertFacet(tx, after.rowId, v);
}
