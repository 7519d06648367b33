export * from "./add.ts";
export * from "./list.ts";
export * from "./record-crawl.ts";
export * from "./remove.ts";
export * from "./schemas.ts";
