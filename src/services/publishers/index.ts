export * from "./create.ts";
export * from "./delete.ts";
export * from "./get.ts";
export * from "./list.ts";
export type { Publisher } from "./load.ts";
export * from "./schemas.ts";
export * from "./update.ts";
