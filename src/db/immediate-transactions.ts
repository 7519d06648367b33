// Several processes (serve, workers, crawl, sync) share one SQLite file. A transaction that begins deferred, reads, and then writes cannot
// wait for another process's write lock: SQLite answers SQLITE_BUSY ("database is locked") at once instead of
// using the busy timeout, because waiting could deadlock. Beginning every top-level transaction IMMEDIATE takes
// the write lock first, so concurrent workers queue on busy_timeout instead of failing their crawls.
// bench/workers showed it: with 2 and 4 worker processes, crawls failed and were retried until this was added.
// Read-only snapshot transactions (search) ask for { behavior: "deferred" } so they never hold the write lock.
// @see https://www.sqlite.org/lang_transaction.html (BEGIN IMMEDIATE) and https://www.sqlite.org/rescode.html#busy_snapshot
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";

export function withImmediateTransactions<D extends BetterSQLite3Database<Record<string, unknown>>>(
  db: D,
): D {
  return new Proxy(db, {
    get(target, property) {
      if (property === "transaction") {
        const transaction: D["transaction"] = (run, config) =>
          target.transaction(run, { behavior: "immediate", ...config });
        return transaction;
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
