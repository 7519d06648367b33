// The one URL canonicaliser. Every URL the catalogue compares (software url, aliases, code-hosting sources,
// forges, repositories) goes through canonicalUrl first, so "http://www.GitHub.com/org/repo.git/" and
// "https://github.com/org/repo" are the same key everywhere.

export class InvalidUrlError extends Error {
  override name = "InvalidUrlError";
  constructor(readonly input: string) {
    super(`'${input}' is not an absolute http(s) or git URL`);
  }
}

// scp-like git remotes ("git@github.com:org/repo.git") have no scheme; rewrite them to ssh:// first.
const scpLike = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/\/)(?!\d+(?:\/|$))(.+)$/;
const schemes = new Set(["http:", "https:", "ssh:", "git:", "git+ssh:", "git+https:"]);

function parse(input: string): URL {
  const trimmed = input.trim();
  const scp = trimmed.includes("://") ? null : scpLike.exec(trimmed);
  const candidate = scp ? `ssh://${scp[1]}/${scp[2]}` : trimmed;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new InvalidUrlError(input);
  }
  if (!schemes.has(url.protocol) || url.hostname === "") throw new InvalidUrlError(input);
  return url;
}

/**
 * Canonical form of a URL: https scheme (http, ssh and git remotes name the same repository), lower-case host
 * without "www." and without userinfo, without a default (80, 443) or ssh port, path without duplicate
 * or trailing slashes and without a ".git" suffix, no fragment. The query is kept (it can be meaningful), the
 * path's case too (only some forges are case-insensitive).
 */
export function canonicalUrl(input: string): string {
  const url = parse(input);
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  // An ssh port says nothing about where the web pages are, so ssh remotes lose theirs.
  const isSsh = url.protocol.includes("ssh");
  const isDefaultPort = isSsh || url.port === "" || ["80", "443"].includes(url.port);
  const port = isDefaultPort ? "" : `:${url.port}`;
  let path = url.pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  path = path.replace(/\.git$/i, "").replace(/\/+$/, "");
  return `https://${host}${port}${path}${url.search === "?" ? "" : url.search}`;
}

/** The canonical host (with a non-default port) of a URL, e.g. "github.com" for "https://www.GitHub.com/x". */
export function hostOf(input: string): string {
  return new URL(canonicalUrl(input)).host;
}

/** True when both URLs name the same resource once canonicalised; false when either is not a URL. */
export function isSameUrl(a: string, b: string): boolean {
  try {
    return canonicalUrl(a) === canonicalUrl(b);
  } catch {
    return false;
  }
}
