// The change log's newest seq: a version number of everything searchable. Every write that can change a search
// result appends a change row in its own transaction, and seq is AUTOINCREMENT (never reused), so an unchanged
// head means an unchanged catalogue. The search caches (result-cache.ts, facet-cache.ts) check it per search.
//
// Prepared once per connection: max() of the INTEGER PRIMARY KEY is one B-tree descent, ~3–4 µs at 100k
// software (~12 µs when drizzle built and prepared the same query per call). PRAGMA data_version was measured
// too (~2.4 µs): no real saving, and it does not move on this connection's own commits, which is where the
// API's writes happen, so it would need a second signal beside it.
import { rawStatement } from "../../db/statement-cache.ts";
import type { DbOrTx } from "../context.ts";

export function changeLogHead(tx: DbOrTx): number {
  const row = rawStatement(tx, "SELECT max(seq) AS s FROM change").get() as { s: number | null };
  return row.s ?? 0;
}
