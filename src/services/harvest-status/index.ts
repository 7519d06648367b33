export * from "./get.ts";
