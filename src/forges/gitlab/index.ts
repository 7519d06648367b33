export { createGitlabClient, type GitlabClientOptions } from "./client.ts";
export { resolveGitlabEndpoint, toNamespacePath } from "./endpoint.ts";
export type { Sleep } from "./transport.ts";
