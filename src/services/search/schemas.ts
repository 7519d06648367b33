import { z } from "zod";
import { type FacetName, facetNames } from "../../db/schema/index.ts";

/** The filter (and facet) dimensions of search, as the HTTP layer names them. */
export const searchFilterNames = facetNames;
export type SearchFilterName = FacetName;

/**
 * Facet values per facet unless asked otherwise: the top ten, as a filter sidebar shows them. It was 50, which
 * made the counts a third of a first page's ~16 KB (50 publisher ids alone were 3 KB), sent with every answer.
 */
export const defaultFacetLimit = 10;
export const maxFacetLimit = 500;

const facetValue = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(50)]);

export const searchSoftwareInput = z.object({
  /** Free text over names and descriptions in every language; absent: everything, newest first. */
  q: z.string().trim().max(500).optional(),
  /** One value, or several (any of them matches); different facets must all match. */
  filters: z.partialRecord(z.enum(facetNames), facetValue).default({}),
  updatedSince: z.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().optional(),
  /** Compute facet counts (default true); a client paging through results can skip them. */
  facets: z.boolean().default(true),
  /** Facet values returned per facet, most frequent first. */
  facetLimit: z.coerce.number().int().min(1).max(maxFacetLimit).default(defaultFacetLimit),
  /** Preferred description language (BCP 47), e.g. "it"; falls back to English, then any. */
  lang: z.string().max(35).optional(),
});
export type SearchSoftwareInput = z.input<typeof searchSoftwareInput>;
