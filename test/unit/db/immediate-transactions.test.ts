import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../../src/db/client.ts";
import { withImmediateTransactions } from "../../../src/db/immediate-transactions.ts";
import { forge } from "../../../src/db/schema/index.ts";

const opened: DbHandle[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two connections to one SQLite file, as two worker processes have; the second never waits for a lock. */
function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), "immediate-"));
  dirs.push(dir);
  const first = createDb(join(dir, "db.sqlite"));
  const second = createDb(join(dir, "db.sqlite"));
  opened.push(first, second);
  second.sqlite.pragma("busy_timeout = 0");
  return { first, second };
}

describe("transactions on a createDb database", () => {
  it("take the write lock when they begin, before their first read", () => {
    const { first, second } = twoConnections();
    first.db.transaction((tx) => {
      tx.select().from(forge).all();
      expect(() => second.sqlite.exec("BEGIN IMMEDIATE")).toThrow(/locked|busy/i);
    });
  });

  it("hold no write lock when they ask to be deferred (read snapshots such as search)", () => {
    const { first, second } = twoConnections();
    first.db.transaction(
      (tx) => {
        tx.select().from(forge).all();
        second.sqlite.exec("BEGIN IMMEDIATE");
        second.sqlite.exec("ROLLBACK");
      },
      { behavior: "deferred" },
    );
  });

  it("keep every other method of the database working", () => {
    const { first } = twoConnections();
    const db = withImmediateTransactions(first.db);
    expect(db.select().from(forge).all()).toEqual([]);
    expect(db.transaction((tx) => tx.select().from(forge).all())).toEqual([]);
  });
});
