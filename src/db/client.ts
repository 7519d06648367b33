// createDb: the one place a database connection is made. A factory (not a module singleton) so tests get a
// fresh in-memory database each and a D1 constructor can be added later beside the better-sqlite3 one.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { sqlitePath } from "../config.ts";
import { BACKSTOP_AUTOCHECKPOINT_PAGES, startBackgroundCheckpoints } from "./checkpointer.ts";
import { withImmediateTransactions } from "./immediate-transactions.ts";
import { migrateDb } from "./migrate.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;

export interface DbHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export interface CreateDbOptions {
  /** A DATABASE_URL (path, file: URL or ":memory:"). */
  url: string;
  /** Apply pending migrations on open; default true. */
  migrate?: boolean;
  /** Checkpoint the WAL from a worker thread (checkpointer.ts); default true for a database file. */
  backgroundCheckpoints?: boolean;
}

/** Opens (creating the file and its folder if needed) and migrates an SQLite database. */
export function createDb(options: CreateDbOptions | string): DbHandle {
  const {
    url,
    migrate = true,
    backgroundCheckpoints = true,
  } = typeof options === "string" ? { url: options } : options;
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the HTTP server read while the harvester writes; the busy timeout rides out short write locks.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Every write transaction takes the write lock when it begins (see immediate-transactions.ts).
  const db = withImmediateTransactions(drizzle(sqlite, { schema }));
  if (migrate) migrateDb(db);
  if (path === ":memory:" || !backgroundCheckpoints) return { db, sqlite, close: () => sqlite.close() };
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startBackgroundCheckpoints(path);
  return {
    db,
    sqlite,
    close: () => {
      checkpointer.stop();
      sqlite.close();
    },
  };
}
