// The REST endpoints of the fake GitHub, in the real API's shapes: repository, git blob and contents (JSON with
// base64 content, or raw bytes for `application/vnd.github.raw`), owner repository lists with Link pagination,
// and ETag/304 on every JSON answer. @see https://docs.github.com/en/rest/git/blobs
import { createHash } from "node:crypto";
import type { FakeRequest, FakeResponse } from "../http.ts";
import type { FakeRepository, GithubWorld } from "./world.ts";
import { gitBlobSha } from "./world.ts";

const DOCS = "https://docs.github.com/rest";

export function notFoundResponse(): FakeResponse {
  return { status: 404, body: { message: "Not Found", documentation_url: DOCS, status: "404" } };
}

/** Routes a REST path (already stripped of any /api/v3 prefix) to its handler. */
export function handleRest(
  world: GithubWorld,
  req: FakeRequest,
  path: string,
  base: { api: string; web: string },
): FakeResponse {
  if (req.method !== "GET") return notFoundResponse();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d, e, f] = parts;
  if (a === "repositories" && b && parts.length === 2) {
    const repo = [...world.repositories.values()].find((r) => String(r.databaseId) === b);
    return repo ? withEtag(req, repositoryJson(repo, base)) : notFoundResponse();
  }
  if (a === "repos" && b && c) {
    const repo = world.findRepository(`${b}/${c}`);
    if (!repo) return notFoundResponse();
    const canonical = repo.owner === b && repo.name === c;
    if (parts.length === 3) {
      // A renamed or transferred repository answers 301 to its id-based URL, as GitHub does.
      if (!canonical) return moved(`${base.api}/repositories/${repo.databaseId}`);
      return withEtag(req, repositoryJson(repo, base));
    }
    if (d === "git" && e === "blobs" && f && parts.length === 6) return blob(req, repo, f, base);
    if (d === "contents" && parts.length >= 5) return contents(req, repo, parts.slice(4).join("/"), base);
  }
  if ((a === "orgs" || a === "users") && b && c === "repos" && parts.length === 3) {
    const owner = world.owners.get(b.toLowerCase());
    if (!owner || (a === "orgs" && owner.type !== "Organization")) return notFoundResponse();
    return listRepositories(req, path, world.ownerRepositories.get(owner.login.toLowerCase()) ?? [], base);
  }
  return notFoundResponse();
}

function moved(location: string): FakeResponse {
  return {
    status: 301,
    headers: { location },
    body: { message: "Moved Permanently", url: location, documentation_url: DOCS },
  };
}

function wantsRaw(req: FakeRequest): boolean {
  return String(req.headers.accept ?? "").includes("application/vnd.github.raw");
}

function base64Lines(bytes: Uint8Array): string {
  // GitHub wraps base64 content at 60 characters per line.
  return (
    Buffer.from(bytes)
      .toString("base64")
      .match(/.{1,60}/g) ?? []
  )
    .map((l) => `${l}\n`)
    .join("");
}

function blob(req: FakeRequest, repo: FakeRepository, sha: string, base: { api: string }): FakeResponse {
  const bytes = [...repo.files.values()].find((b) => gitBlobSha(b) === sha);
  if (!bytes) return notFoundResponse();
  if (wantsRaw(req))
    return { status: 200, headers: { "content-type": "application/vnd.github.raw" }, body: bytes };
  const url = `${base.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`;
  return withEtag(req, {
    sha,
    node_id: `B_${sha}`,
    size: bytes.byteLength,
    url,
    content: base64Lines(bytes),
    encoding: "base64",
  });
}

function contents(
  req: FakeRequest,
  repo: FakeRepository,
  path: string,
  base: { api: string; web: string },
): FakeResponse {
  const ref = req.url.searchParams.get("ref");
  if (ref && ref !== repo.defaultBranch && ref !== "HEAD") return notFoundResponse();
  const bytes = repo.files.get(path);
  if (!bytes) return notFoundResponse();
  if (wantsRaw(req))
    return { status: 200, headers: { "content-type": "application/vnd.github.raw" }, body: bytes };
  const sha = gitBlobSha(bytes);
  const url = `${base.api}/repos/${repo.owner}/${repo.name}/contents/${path}?ref=${repo.defaultBranch}`;
  return withEtag(req, {
    type: "file",
    encoding: "base64",
    size: bytes.byteLength,
    name: path.split("/").pop(),
    path,
    content: base64Lines(bytes),
    sha,
    url,
    git_url: `${base.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
    html_url: `${base.web}/${repo.owner}/${repo.name}/blob/${repo.defaultBranch}/${path}`,
    download_url: null,
  });
}

function listRepositories(
  req: FakeRequest,
  path: string,
  repos: FakeRepository[],
  base: { api: string; web: string },
): FakeResponse {
  const perPage = Math.min(100, Number(req.url.searchParams.get("per_page") ?? 30) || 30);
  const page = Math.max(1, Number(req.url.searchParams.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(repos.length / perPage));
  const link = (p: number, rel: string) => `<${base.api}${path}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
  const res = withEtag(
    req,
    repos.slice((page - 1) * perPage, page * perPage).map((r) => repositoryJson(r, base)),
  );
  if (links.length && res.status === 200) res.headers = { ...res.headers, link: links.join(", ") };
  return res;
}

function repositoryJson(repo: FakeRepository, base: { api: string; web: string }) {
  return {
    id: repo.databaseId,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.isPrivate,
    owner: { login: repo.owner },
    html_url: `${base.web}/${repo.owner}/${repo.name}`,
    url: `${base.api}/repos/${repo.owner}/${repo.name}`,
    fork: repo.isFork,
    archived: repo.isArchived,
    disabled: repo.isDisabled,
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt,
    pushed_at: repo.pushedAt,
    size: repo.files.size === 0 ? 0 : 1,
  };
}

/** JSON with a strong ETag; a matching If-None-Match gets 304 and no body, which GitHub does not bill. */
function withEtag(req: FakeRequest, body: unknown): FakeResponse {
  const json = JSON.stringify(body);
  const etag = `"${createHash("sha1").update(json).digest("hex")}"`;
  if (req.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  return { status: 200, headers: { etag, "content-type": "application/json; charset=utf-8" }, body: json };
}
