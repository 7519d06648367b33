// Where a GitHub host's APIs live and what a GitHub source URL names.
// github.com → https://api.github.com (GraphQL https://api.github.com/graphql); any other host is GitHub
// Enterprise Server: REST at WEB_URL/api/v3, GraphQL at WEB_URL/api/graphql.
// @see https://docs.github.com/en/enterprise-server@latest/rest/quickstart#using-curl-commands-in-github-actions
import { type ForgeEndpoint, ForgeError } from "../types.ts";

const GITHUB_HOSTS = new Set(["github.com", "www.github.com"]);

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** GraphQL URL for a REST base: …/api/v3 → …/api/graphql (GHES), anything else → …/graphql. */
function graphqlUrlFor(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, "/api/graphql") : `${apiUrl}/graphql`;
}

export function resolveGithubEndpoint(webUrl: string, apiUrl?: string, tokens: string[] = []): ForgeEndpoint {
  const web = new URL(webUrl);
  const isDotCom = GITHUB_HOSTS.has(web.host.toLowerCase());
  const canonicalWeb = isDotCom ? "https://github.com" : trimSlash(`${web.origin}${web.pathname}`);
  const api = trimSlash(apiUrl ?? (isDotCom ? "https://api.github.com" : `${canonicalWeb}/api/v3`));
  return { kind: "github", webUrl: canonicalWeb, apiUrl: api, graphqlUrl: graphqlUrlFor(api), tokens };
}

export interface GithubSource {
  owner: string;
  /** Set when the URL names a single repository. */
  name?: string;
}

/**
 * `https://HOST/OWNER` (organisation or user) or `https://HOST/OWNER/REPO[.git][/anything]`, on the endpoint's
 * host. Throws a non-retryable ForgeError for URLs of another host or without an owner.
 */
export function parseGithubSourceUrl(sourceUrl: string, endpoint: ForgeEndpoint): GithubSource {
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    throw new ForgeError(`not a URL: ${sourceUrl}`, false);
  }
  const web = new URL(endpoint.webUrl);
  const sameHost =
    url.host.toLowerCase() === web.host.toLowerCase() ||
    (GITHUB_HOSTS.has(url.host.toLowerCase()) && GITHUB_HOSTS.has(web.host.toLowerCase()));
  const prefix = trimSlash(web.pathname);
  if (!sameHost || !url.pathname.startsWith(prefix)) {
    throw new ForgeError(`${sourceUrl} is not on ${endpoint.webUrl}`, false);
  }
  const [owner, repo] = url.pathname.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
  if (!owner) throw new ForgeError(`${sourceUrl} names no owner`, false);
  if (!repo) return { owner };
  return { owner, name: repo.replace(/\.git$/, "") };
}

/** `host#tokenIndex`, the HostBudget key of one token on one host (`host#anonymous` without a token). */
export function budgetKey(endpoint: ForgeEndpoint, tokenIndex: number | null): string {
  return `${new URL(endpoint.apiUrl).host}#${tokenIndex === null ? "anonymous" : tokenIndex}`;
}
