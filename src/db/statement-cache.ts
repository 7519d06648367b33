// Prepared statements kept per SQLite connection, as the harvester does (src/services/harvest/statements.ts),
// for the software write path that federation bootstrap and the harvester share. Building a drizzle query and
// preparing its SQL cost more than running it (profiled: bootstrap spent most of its time in prepare).
// The key is the drizzle session: a Db and every transaction opened on it share one session (and so one
// better-sqlite3 connection), so a statement prepared once runs inside any later transaction of that database.
import type Database from "better-sqlite3";
import type { DbOrTx } from "../services/context.ts";

interface SessionLike {
  client: Database.Database;
}

const caches = new WeakMap<object, Map<string, unknown>>();

function sessionOf(tx: DbOrTx): SessionLike {
  // `session` and its `client` are drizzle internals (not in its types) but stable in the better-sqlite3 driver.
  return (tx as unknown as { session: SessionLike }).session;
}

/** The statement named `key` for this connection, built by `build` the first time. */
export function cachedStatement<T>(tx: DbOrTx, key: string, build: () => T): T {
  const session = sessionOf(tx);
  let cache = caches.get(session);
  if (!cache) {
    cache = new Map();
    caches.set(session, cache);
  }
  let statement = cache.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    cache.set(key, statement);
  }
  return statement;
}

const rawCaches = new WeakMap<object, Map<string, Database.Statement>>();

/**
 * A raw better-sqlite3 statement for `sqlText`, prepared once per connection. Keyed by the SQL text itself
 * (its own map, so no key string is built per call: some of these run on every search request).
 */
export function rawStatement(tx: DbOrTx, sqlText: string): Database.Statement {
  const session = sessionOf(tx);
  let cache = rawCaches.get(session);
  if (!cache) {
    cache = new Map();
    rawCaches.set(session, cache);
  }
  let statement = cache.get(sqlText);
  if (statement === undefined) {
    statement = session.client.prepare(sqlText);
    cache.set(sqlText, statement);
  }
  return statement;
}
