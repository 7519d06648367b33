export * from "./create.ts";
export * from "./list.ts";
export * from "./revoke.ts";
export * from "./schemas.ts";
export { hashSecret, secretPrefix } from "./secret.ts";
export * from "./verify.ts";
