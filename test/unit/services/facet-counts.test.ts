// software_facet_count must always equal the facet rows it summarises, whether counts are written per row or
// summed over a scope (withBatchedFacetCounts, used by federation sync pages).
import { describe, expect, it } from "vitest";
import { type SoftwareRow, software } from "../../../src/db/schema/index.ts";
import {
  indexSoftware,
  unindexSoftware,
  withBatchedFacetCounts,
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

describe("facet counts", () => {
  it("written per row, they equal the facet rows", async () => {
    const { store, rows } = await storeWithSoftware();
    expect(countsOf(store)).toEqual(truthOf(store));
    reshuffle(store, rows);
    expect(countsOf(store)).toEqual(truthOf(store));
  });

  it("summed over a batch, they end exactly as written per row (and drop values no longer used)", async () => {
    const perRow = await storeWithSoftware();
    reshuffle(perRow.store, perRow.rows);
    const batched = await storeWithSoftware();
    batched.store.ctx.db.transaction((tx) =>
      withBatchedFacetCounts(tx, () => reshuffle(batched.store, batched.rows)),
    );
    expect(countsOf(batched.store)).toEqual(truthOf(batched.store));
    expect(countsOf(batched.store)).toEqual(countsOf(perRow.store));
    expect(countsOf(batched.store)).not.toContainEqual(expect.objectContaining({ value: "it-development" }));
  });

  it("are not written at all when the batch throws (the transaction rolls back with them)", async () => {
    const { store, rows } = await storeWithSoftware();
    const before = countsOf(store);
    expect(() =>
      store.ctx.db.transaction((tx) =>
        withBatchedFacetCounts(tx, () => {
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
