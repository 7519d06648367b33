// Whether `url` looks like a code repository, for the network-mode "is not a valid code repository" check.
// Known forges need an owner/name path; elsewhere a `.git` suffix or a git-flavoured host will do.
import { parseGoUrl } from "./url-rules.ts";

const OWNER_REPO_HOSTS = new Set(["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"]);

export function isRepositoryUrl(url: string): boolean {
  const u = parseGoUrl(url);
  if (!u?.host || !["http", "https", "git", "ssh"].includes(u.scheme)) return false;
  const host = u.host.toLowerCase().replace(/^www\./, "");
  const segments = u.path.split("/").filter((s) => s !== "");
  if (OWNER_REPO_HOSTS.has(host)) return segments.length >= 2;
  return u.path.endsWith(".git") || /(^|[.-])git(lab|ea|hub)?([.-]|$)|forgejo|opencode/.test(host);
}
