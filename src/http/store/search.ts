// Search: the store's FTS5 verb, with cursors translated to the wire's base64 like every other list.
import { searchSoftware } from "../../services/search/index.ts";
import type { CatalogueServices } from "../services.ts";
import { cursorFromWire, cursorToWire, iso, type StoreDeps, serviceContext } from "./context.ts";

export function storeSearch(deps: StoreDeps): CatalogueServices["search"] {
  return async (cx, query) => {
    const result = await searchSoftware({
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
      },
    });
    return {
      data: result.data.map((hit) => ({ ...hit, updatedAt: iso(hit.updatedAt) })),
      facets: result.facets,
      total: result.total,
      next: cursorToWire(result.nextCursor),
    };
  };
}
