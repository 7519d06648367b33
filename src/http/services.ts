// The port between the HTTP layer and the catalogue store. Routes call these verbs and nothing else; the
// binding to src/services lives in ./store-services.ts, so routes never see drizzle or a database handle.
// Shapes are the open-catalog-api ones (what the wire carries), so a route only serialises.
import type { Logger } from "../logger.ts";
import {
  defaultFacetLimit,
  maxFacetLimit,
  type SearchFilterName,
  searchFilterNames,
} from "../services/search/schemas.ts";

/** Per-call facts every verb receives: the actor lands in the change log (`token:<id>`, or null for reads). */
export interface CallContext {
  actor: string | null;
  requestId: string;
  logger: Logger;
}

export interface PageQuery {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

export interface Page<T> {
  data: T[];
  /** Opaque cursors; null on the last (first) page. */
  next: string | null;
  prev: string | null;
}

export interface TimeRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface SoftwareView {
  id: string;
  url: string;
  aliases?: string[];
  publiccodeYml: string;
  active: boolean;
  vitality?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SoftwareWrite {
  url?: string;
  aliases?: string[];
  publiccodeYml?: string;
  active?: boolean;
  vitality?: string;
}

export interface JsonPatchOperation {
  op: "add" | "remove" | "replace" | "test";
  path: string;
  value?: unknown;
  from?: string;
}

export interface CodeHostingView {
  url: string;
  group: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PublisherView {
  id: string;
  description: string;
  email?: string;
  active: boolean;
  alternativeId?: string;
  codeHosting: CodeHostingView[];
  createdAt: string;
  updatedAt: string;
}

export interface PublisherWrite {
  description?: string;
  email?: string;
  active?: boolean;
  alternativeId?: string;
  codeHosting?: { url: string; group?: boolean }[];
}

export interface LogView {
  id: string;
  message: string;
  entity?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogView {
  id: string;
  name: string;
  alternativeId?: string;
  active: boolean;
  sources: { url: string; driver?: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface ValidationIssueView {
  severity: "error" | "warning";
  key: string;
  message: string;
  line: number | null;
  column: number | null;
}

export interface HarvestStatusView {
  softwareId: string;
  state: string;
  stateReason: string | null;
  lastCheckedAt: string | null;
  lastFetchedAt: string | null;
  forgeAnswer: string | null;
  latestVersion: {
    blobSha: string | null;
    fetchedAt: string;
    valid: boolean;
    publiccodeYmlVersion: string | null;
  } | null;
  servedVersion: { blobSha: string | null; fetchedAt: string } | null;
  servedBecause: string;
  hasPendingInvalid: boolean;
  errors: ValidationIssueView[];
  warnings: ValidationIssueView[];
}

// The search filters are the store's facet dimensions: one list, so a new facet reaches the API by itself.
export const searchFilters = searchFilterNames;
export type SearchFilter = SearchFilterName;
export const searchFacetLimits = { default: defaultFacetLimit, max: maxFacetLimit };

export interface SearchQuery {
  q?: string | undefined;
  filters: Partial<Record<SearchFilter, string>>;
  updatedSince?: Date | undefined;
  /** Preferred description language of the hits (BCP 47). */
  lang?: string | undefined;
  limit: number;
  after?: string | undefined;
  /** Facet values per facet, most frequent first. */
  facetLimit: number;
}

export interface SearchHit {
  id: string;
  url: string;
  name: string | null;
  description: string | null;
  score: number;
  publisherId: string | null;
  updatedAt: string;
}

/**
 * The response body of GET /v1/search. Deep-frozen, and for a repeated search the very same object until the
 * catalogue changes (the store's result cache), so the route serialises it once per object (../etag.ts).
 */
export interface SearchResultView {
  readonly data: readonly SearchHit[];
  readonly facets: Partial<Record<SearchFilter, readonly { value: string; count: number }[]>>;
  readonly total: number;
  readonly links: { readonly next: string | null };
}

type Verb<I, O> = (cx: CallContext, input: I) => O | Promise<O>;

export interface CatalogueServices {
  software: {
    list: Verb<PageQuery & TimeRange & { all: boolean; url?: string | undefined }, Page<SoftwareView>>;
    get: Verb<{ id: string }, SoftwareView>;
    create: Verb<SoftwareWrite & { url: string; publiccodeYml: string }, SoftwareView>;
    mergePatch: Verb<{ id: string; patch: SoftwareWrite }, SoftwareView>;
    jsonPatch: Verb<{ id: string; operations: JsonPatchOperation[] }, SoftwareView>;
    remove: Verb<{ id: string }, void>;
    listLogs: Verb<PageQuery & TimeRange & { id: string }, Page<LogView>>;
    harvestStatus: Verb<{ id: string }, HarvestStatusView>;
  };
  publishers: {
    list: Verb<PageQuery & TimeRange & { all: boolean }, Page<PublisherView>>;
    /** By id or alternativeId. */
    get: Verb<{ id: string }, PublisherView>;
    create: Verb<PublisherWrite & { description: string }, PublisherView>;
    mergePatch: Verb<{ id: string; patch: PublisherWrite }, PublisherView>;
    remove: Verb<{ id: string }, void>;
  };
  logs: {
    list: Verb<PageQuery & TimeRange & { search?: string | undefined }, Page<LogView>>;
  };
  catalogs: {
    list: Verb<PageQuery & { all: boolean }, Page<CatalogView>>;
  };
  search: Verb<SearchQuery, SearchResultView>;
}
