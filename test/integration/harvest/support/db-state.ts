// Reads the store's harvested tables whole, so a test can prove that a crawl wrote nothing: every row of every
// catalogue table (code_hosting without its crawl bookkeeping) plus SQLite's count of modified rows.
import type Database from "better-sqlite3";

const TABLES = [
  "software",
  "software_version",
  "validation_result",
  "software_alias",
  "repository",
  "change",
  "publisher",
] as const;

export interface DbState {
  rows: Record<string, unknown[]>;
  /** Rows inserted, updated or deleted on this connection since it opened. */
  totalChanges: number;
}

export function readDbState(sqlite: Database.Database): DbState {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) rows[table] = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
  // last_crawled_at / last_error are the source's crawl bookkeeping, allowed to move on an unchanged crawl.
  rows.code_hosting = sqlite
    .prepare("SELECT id, url, publisher_id, forge_id FROM code_hosting ORDER BY id")
    .all();
  const { n } = sqlite.prepare("SELECT total_changes() AS n").get() as { n: number };
  return { rows, totalChanges: n };
}

export function countRows(sqlite: Database.Database, table: string): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}
