export * from "./facets.ts";
export * from "./fts-query.ts";
export { setSearchCacheSize } from "./result-cache.ts";
export * from "./schemas.ts";
export * from "./search.ts";
