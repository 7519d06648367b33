export * from "./append.ts";
export * from "./list.ts";
export * from "./schemas.ts";
