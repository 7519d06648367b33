export { createGithubClient, type GithubClientOptions } from "./client.ts";
export { budgetKey, parseGithubSourceUrl, resolveGithubEndpoint } from "./endpoint.ts";
