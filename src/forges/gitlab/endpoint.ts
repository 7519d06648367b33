// Where a GitLab instance's API lives and how a web URL on it maps to a namespace path.
// GitLab serves its API at WEB_URL/api/v4, also when installed under a relative URL (https://example.org/gitlab).
// @see https://docs.gitlab.com/api/rest/
import { type ForgeEndpoint, ForgeError } from "../types.ts";

export function resolveGitlabEndpoint(webUrl: string, apiUrl?: string, tokens: string[] = []): ForgeEndpoint {
  const web = stripTrailingSlash(new URL(webUrl).toString());
  return {
    kind: "gitlab",
    webUrl: web,
    apiUrl: apiUrl ? stripTrailingSlash(apiUrl) : `${web}/api/v4`,
    tokens,
  };
}

/**
 * The namespace path a web URL points at, relative to the instance: "" for the instance root,
 * "group/sub/project" for a project. Drops a trailing ".git", "/-/…" (tree, blob, issues pages) and
 * "groups/" (GitLab's old group URLs). Throws a non-retryable ForgeError for a URL on another host.
 */
export function toNamespacePath(endpoint: ForgeEndpoint, url: string): string {
  const base = new URL(endpoint.webUrl);
  let target: URL;
  try {
    target = new URL(url);
  } catch (cause) {
    throw new ForgeError(`not a URL: ${url}`, false, undefined, { cause });
  }
  const basePath = trimSlashes(base.pathname);
  const path = trimSlashes(target.pathname);
  if (
    target.host.toLowerCase() !== base.host.toLowerCase() ||
    !`${path}/`.startsWith(basePath ? `${basePath}/` : "")
  ) {
    throw new ForgeError(`${url} is not on the GitLab instance ${endpoint.webUrl}`, false);
  }
  let relative = trimSlashes(path.slice(basePath.length));
  relative = relative.split("/-/")[0] ?? "";
  if (relative === "-" || relative.startsWith("-/")) relative = "";
  if (relative.startsWith("groups/")) relative = relative.slice("groups/".length);
  relative = relative.replace(/\.git$/, "");
  return trimSlashes(relative)
    .split("/")
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment))
    .join("/");
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, "");
}
