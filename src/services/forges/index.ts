export * from "./add.ts";
export * from "./defaults.ts";
export * from "./list.ts";
export * from "./match.ts";
export * from "./schemas.ts";
