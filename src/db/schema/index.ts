// Every table, one file each. The FTS5 table software_fts is not here: drizzle has no virtual tables, so it
// is created by a custom migration (src/db/migrations) and queried with sql`` in src/services/search.
export * from "./change.ts";
export * from "./change-compaction.ts";
export * from "./code-hosting.ts";
export * from "./forge.ts";
export * from "./log.ts";
export * from "./peer.ts";
export * from "./publisher.ts";
export * from "./repository.ts";
export * from "./software.ts";
export * from "./software-alias.ts";
export * from "./software-facet.ts";
export * from "./software-facet-count.ts";
export * from "./software-version.ts";
export * from "./token.ts";
export * from "./validation-result.ts";
