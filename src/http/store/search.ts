// Search: the store's FTS5 verb, with cursors translated to the wire's base64 like every other list.
//
// A repeated search gets the very same (frozen) result object from the verb until the next write
// (src/services/search/result-cache.ts). Its wire view is derived once per result object and frozen in turn,
// so the route can keep the serialised bytes per view (src/http/etag.ts). The bytes ride on the store's one
// cache this way: no second cache keyed by the query, and no second rule for when an answer goes stale.
import { deepFreeze } from "../../lib/deep-freeze.ts";
import { type SearchResult, searchSoftware } from "../../services/search/index.ts";
import type { CatalogueServices, SearchResultView } from "../services.ts";
import { cursorFromWire, cursorToWire, iso, type StoreDeps, serviceContext } from "./context.ts";

const views = new WeakMap<SearchResult, SearchResultView>();

function toView(result: SearchResult): SearchResultView {
  let view = views.get(result);
  if (!view) {
    view = deepFreeze({
      data: result.data.map((hit) => ({ ...hit, updatedAt: iso(hit.updatedAt) })),
      facets: result.facets,
      total: result.total,
      links: { next: cursorToWire(result.nextCursor) },
    });
    // Only a cached (frozen) result comes back; a fresh one per call would just fill the map for nothing.
    if (Object.isFrozen(result)) views.set(result, view);
  }
  return view;
}

export function storeSearch(deps: StoreDeps): CatalogueServices["search"] {
  return async (cx, query) =>
    toView(
      await searchSoftware({
        ctx: serviceContext(deps, cx),
        input: {
          q: query.q,
          filters: query.filters,
          updatedSince: query.updatedSince,
          lang: query.lang,
          limit: query.limit,
          cursor: cursorFromWire(query.after),
          // Counts are for the first page; a client paging on does not need them recomputed.
          facets: query.after === undefined,
          facetLimit: query.facetLimit,
        },
      }),
    );
}
