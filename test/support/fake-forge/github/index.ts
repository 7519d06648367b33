export * from "./faults.ts";
export * from "./harness.ts";
export * from "./server.ts";
export * from "./synthetic.ts";
export * from "./world.ts";
