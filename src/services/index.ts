// Every service verb. The HTTP layer, the CLI and the workers import from here only.
export * from "./changes/index.ts";
export * from "./context.ts";
export * from "./errors.ts";
export * from "./forges/index.ts";
export * from "./harvest/index.ts";
export * from "./harvest-status/index.ts";
export type { Page } from "./lib/cursor.ts";
export { applyJsonPatch, JsonPatchError, type JsonPatchOperation } from "./lib/json-patch.ts";
export { applyMergePatch } from "./lib/merge-patch.ts";
export * from "./logs/index.ts";
export * from "./publishers/index.ts";
export * from "./search/index.ts";
export * from "./software/index.ts";
export * from "./sources/index.ts";
export * from "./tokens/index.ts";
