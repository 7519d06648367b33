// software_facet_count must always equal the facet rows it summarises, whether counts are written per row or
// summed over a scope (withBatchedIndexWrites, used by federation sync pages).
import { describe, expect, it } from "vitest";
import { type SoftwareRow, software } from "../../../src/db/schema/index.ts";
import {
  indexSoftware,
  reindexSoftware,
  unindexSoftware,
  withBatchedIndexWrites,
} from "../../../src/services/search/index-software.ts";
import { makeSoftware } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

type Store = ReturnType<typeof createTestStore>;

const countsOf = (store: Store) =>
  store.handle.sqlite
    .prepare("SELECT facet, value, count FROM software_facet_count ORDER BY facet, value")
    .all();
const truthOf = (store: Store) =>
  store.handle.sqlite
    .prepare(
      "SELECT facet, value, COUNT(*) AS count FROM software_facet GROUP BY facet, value ORDER BY facet, value",
    )
    .all();

async function storeWithSoftware(): Promise<{ store: Store; rows: SoftwareRow[] }> {
  const store = createTestStore();
  for (const categories of [["it-development"], ["it-development", "blog"], ["blog"]]) {
    await makeSoftware(store.ctx, { publiccode: { categories } });
  }
  return { store, rows: store.ctx.db.select().from(software).all() };
}

/** Re-indexes with new categories, adds nothing new, and removes the last software from search. */
function reshuffle(store: Store, rows: SoftwareRow[]): void {
  const tx = store.ctx.db;
  indexSoftware(tx, { ...rows[0]!, categories: ["blog", "accounting"] });
  indexSoftware(tx, { ...rows[1]!, categories: ["accounting"] });
  unindexSoftware(tx, rows[2]!.rowId);
}

/** The same writes on two fresh stores: per row on one, inside one batched scope on the other. */
async function perRowAndBatched(write: (store: Store, rows: SoftwareRow[]) => void) {
  const perRow = await storeWithSoftware();
  write(perRow.store, perRow.rows);
  const batched = await storeWithSoftware();
  batched.store.ctx.db.transaction((tx) =>
    withBatchedIndexWrites(tx, () => write(batched.store, batched.rows)),
  );
  return { perRow: perRow.store, batched: batched.store };
}

describe("facet counts", () => {
  it("written per row, they equal the facet rows", async () => {
    const { store, rows } = await storeWithSoftware();
    expect(countsOf(store)).toEqual(truthOf(store));
    reshuffle(store, rows);
    expect(countsOf(store)).toEqual(truthOf(store));
  });

  it("summed over a batch, they end exactly as written per row (and drop values no longer used)", async () => {
    const { perRow, batched } = await perRowAndBatched(reshuffle);
    expect(countsOf(batched)).toEqual(truthOf(batched));
    expect(countsOf(batched)).toEqual(countsOf(perRow));
    expect(countsOf(batched)).not.toContainEqual(expect.objectContaining({ value: "it-development" }));
  });

  it("are not written at all when the batch throws (the transaction rolls back with them)", async () => {
    const { store, rows } = await storeWithSoftware();
    const before = countsOf(store);
    expect(() =>
      store.ctx.db.transaction((tx) =>
        withBatchedIndexWrites(tx, () => {
          reshuffle(store, rows);
          throw new Error("page failed");
        }),
      ),
    ).toThrow("page failed");
    expect(countsOf(store)).toEqual(before);
    // The scope is closed: later writes count per row again.
    reshuffle(store, rows);
    expect(countsOf(store)).toEqual(truthOf(store));
  });
});

/** Everything the search index holds: facet rows, counts, and which rows each probe term finds. */
function indexOf(store: Store) {
  const q = (sql: string, ...args: unknown[]) => store.handle.sqlite.prepare(sql).all(...args);
  return {
    facets: q("SELECT software_row, facet, value FROM software_facet ORDER BY 1, 2, 3"),
    counts: countsOf(store),
    text: ["blog", "renamed", "benchmark", "software"].map((term) =>
      q("SELECT rowid FROM software_fts WHERE software_fts MATCH ? ORDER BY rowid", term),
    ),
  };
}

describe("reindexSoftware", () => {
  const transitions: [string, (row: SoftwareRow) => SoftwareRow][] = [
    ["nothing indexed changes", (r) => ({ ...r, updatedAt: new Date(0) })],
    ["only the name changes", (r) => ({ ...r, name: "Renamed tool" })],
    ["a category is swapped", (r) => ({ ...r, categories: ["accounting"] })],
    ["facets and text change", (r) => ({ ...r, name: "Renamed", platforms: ["android"], license: "MIT" })],
    ["it leaves search", (r) => ({ ...r, state: "suspended" })],
    ["a publisher is set", (r) => ({ ...r, publisherId: "publisher-1" })],
  ];

  it.each(transitions)("writes the same index as a full re-index when %s", async (_, change) => {
    const incremental = await storeWithSoftware();
    const full = await storeWithSoftware();
    for (const [i, row] of incremental.rows.entries()) {
      reindexSoftware(incremental.store.ctx.db, row, change(row));
      indexSoftware(full.store.ctx.db, change(full.rows[i]!));
    }
    expect(indexOf(incremental.store)).toEqual(indexOf(full.store));
    expect(countsOf(incremental.store)).toEqual(truthOf(incremental.store));
  });

  it("ends with the same index when its writes are batched, even when one row changes several times", async () => {
    const steps = (store: Store, rows: SoftwareRow[]) => {
      const [a, b] = [rows[0]!, rows[1]!];
      const renamed = { ...a, name: "Renamed" };
      reindexSoftware(store.ctx.db, a, renamed);
      const away = { ...renamed, state: "suspended" as const };
      reindexSoftware(store.ctx.db, renamed, away);
      reindexSoftware(store.ctx.db, away, { ...renamed, name: "Renamed blog" });
      unindexSoftware(store.ctx.db, b.rowId);
      indexSoftware(store.ctx.db, { ...b, name: "benchmark" }, { fresh: true });
    };
    const { perRow, batched } = await perRowAndBatched(steps);
    expect(indexOf(batched)).toEqual(indexOf(perRow));
    expect(indexOf(batched).text[1]).toHaveLength(1); // "renamed": row a only, once
  });

  it("indexes a row coming back into search in full", async () => {
    const { store, rows } = await storeWithSoftware();
    const row = rows[0]!;
    const suspended = { ...row, state: "suspended" as const };
    reindexSoftware(store.ctx.db, row, suspended);
    expect(indexOf(store).facets).not.toContainEqual(expect.objectContaining({ software_row: row.rowId }));
    reindexSoftware(store.ctx.db, suspended, row);
    const full = await storeWithSoftware();
    expect(indexOf(store)).toEqual(indexOf(full.store));
  });
});
