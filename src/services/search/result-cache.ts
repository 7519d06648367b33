// Search results kept in memory between writes. A catalogue is read far more often than it is written, and
// the same searches come back (a front page, popular words, facet clicks); a ranked text search costs tens of
// ms at 100k software (the FTS match and bm25 of every matching row), a cached answer a map lookup.
//
// Keyed by the normalised search (search.ts: searchKey) and valid for one change-log head (changes/head.ts): every write that can change a search result appends a
// change row in its own transaction (the facet index relies on the same), and seq is never reused.
// A hit needs no transaction: one read of the head tells whether the entries still describe the database
// (they were each computed in a snapshot at that head). A miss computes inside one read transaction and files
// the result under the head read in that same transaction, so an entry always describes the snapshot it claims.
// Bounded LRU (a Map's insertion order), per Db handle; size 0 turns it off. Dropping it changes timings only.
import type { Db } from "../../db/client.ts";
import { deepFreeze } from "../../lib/deep-freeze.ts";
import { changeLogHead } from "../changes/head.ts";
import type { Tx } from "../context.ts";

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

/**
 * The cached result of `key`, else `compute` run in a read transaction and remembered. A hit returns the same
 * (frozen) object every time until the next write, so callers may derive things from it once per object
 * (e.g. the HTTP layer's serialised body).
 */
export function cachedSearch<T extends object>(db: Db, key: string, compute: (tx: Tx) => T): T {
  const cache = cacheOf(db) as ResultCache<T>;
  if (cache.size > 0 && changeLogHead(db) === cache.seq) {
    const hit = cache.entries.get(key);
    if (hit !== undefined) {
      cache.entries.delete(key);
      cache.entries.set(key, hit); // most recently used last
      return hit;
    }
  }
  // One read transaction: the page, the total and the facets see the same snapshot under concurrent writes.
  return db.transaction(
    (tx) => {
      if (cache.size === 0) return compute(tx);
      const seq = changeLogHead(tx);
      const result = compute(tx);
      if (cache.seq !== seq) {
        // Something was written (or this is the first look): every entry may be stale.
        cache.entries.clear();
        cache.seq = seq;
      }
      // Shared by every caller that hits it, so frozen.
      const frozen = deepFreeze(result);
      cache.entries.set(key, frozen);
      if (cache.entries.size > cache.size) cache.entries.delete(cache.entries.keys().next().value!);
      return frozen;
    },
    { behavior: "deferred" },
  );
}
