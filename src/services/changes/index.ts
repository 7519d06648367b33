export * from "./append.ts";
export * from "./head.ts";
export * from "./list.ts";
export * from "./schemas.ts";
