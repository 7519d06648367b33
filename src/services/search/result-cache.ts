// Search results kept in memory between writes. A catalogue is read far more often than it is written, and
// the same searches come back (a front page, popular words, facet clicks); a ranked text search costs tens of
// ms at 100k software (the FTS match and bm25 of every matching row), a cached answer a map lookup.
//
// Keyed by the normalised search (the FTS expression, not the raw text; every other parameter verbatim) and
// valid for one change-log max(seq): every write that can change a search result appends a change row in
// its own transaction (the facet index relies on the same), and seq is AUTOINCREMENT so it never repeats.
// The seq is read inside the search's read transaction, so an entry always describes the snapshot it claims.
// Bounded LRU (a Map's insertion order), per Db handle; size 0 turns it off. Dropping it changes timings only.
import type { Db } from "../../db/client.ts";

export const defaultSearchCacheSize = 256;

interface ResultCache<T> {
  size: number;
  seq: number;
  entries: Map<string, T>;
}

const caches = new WeakMap<object, ResultCache<unknown>>();

function cacheOf(db: Db): ResultCache<unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = { size: defaultSearchCacheSize, seq: -1, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** Sets how many searches `db`'s cache holds (0: none), e.g. from SEARCH_CACHE_SIZE. */
export function setSearchCacheSize(db: Db, size: number): void {
  const cache = cacheOf(db);
  cache.size = size;
  cache.entries.clear();
}

/** The cached result of `key` at change-log `seq`, computing and remembering it on a miss. */
export function cachedSearch<T>(db: Db, seq: number, key: string, compute: () => T): T {
  const cache = cacheOf(db) as ResultCache<T>;
  if (cache.size === 0) return compute();
  if (cache.seq !== seq) {
    // Something was written (or this is the first look): every entry may be stale.
    cache.entries.clear();
    cache.seq = seq;
  }
  const hit = cache.entries.get(key);
  if (hit !== undefined) {
    cache.entries.delete(key);
    cache.entries.set(key, hit); // most recently used last
    return hit;
  }
  // Shared by every caller that hits it, so frozen: a caller altering it throws instead of changing what
  // the next one sees (Dates excepted: freezing does not cover their internal slot).
  const result = deepFreeze(compute());
  cache.entries.set(key, result);
  if (cache.entries.size > cache.size) cache.entries.delete(cache.entries.keys().next().value!);
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A stable key: object keys sorted, so `{a, b}` and `{b, a}` are one search. */
export function searchKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
