// The GitLab v4 endpoints the crawler uses, answered from a FakeGitlabWorld in the real API's shapes.
// `:id` may be a numeric id or a URL-encoded full path ("top%2Fsub"), as in GitLab.
// @see https://docs.gitlab.com/api/rest/#namespaced-paths
import type { FakeRequest, FakeResponse } from "../http.ts";
import { paginate } from "./pagination.ts";
import { fileResponse } from "./repository-files.ts";
import { toGroupJson, toProjectJson, toUserJson } from "./shapes.ts";
import type { FakeGitlabWorld, FakeGroup, FakeProject, Visibility } from "./world.ts";

export const notFound = (what: "Project" | "Group" | "File" | "Commit" | "User") => ({
  status: 404,
  body: { message: `404 ${what} Not Found` },
});

export interface RouteContext {
  world: FakeGitlabWorld;
  /** Anonymous callers see public things only; an authenticated one also sees internal and private ones. */
  authenticated: boolean;
  webUrl: string;
}

/** Names a request's endpoint kind, for request counts and fault rules. */
export function classifyGitlabRequest(method: string, url: URL): string {
  const parts = splitPath(url);
  if (!parts) return "other";
  const [resource, id, sub, ...rest] = parts;
  if (id === undefined)
    return resource === "groups" ? "groups:list" : resource === "users" ? "users:search" : "other";
  if (resource === "groups")
    return sub === undefined ? "groups:show" : sub === "projects" ? "groups:projects" : "other";
  if (resource === "users") return sub === "projects" ? "users:projects" : "other";
  if (resource === "projects" && sub === "repository" && rest[0] === "files") {
    return method === "HEAD" ? "files:head" : "files:get";
  }
  if (resource === "projects" && id !== undefined && !sub) return "projects:show";
  return "other";
}

export function routeGitlabRequest(ctx: RouteContext, req: FakeRequest): FakeResponse {
  const parts = splitPath(req.url);
  if (!parts || (req.method !== "GET" && req.method !== "HEAD"))
    return { status: 404, body: { error: "404 Not Found" } };
  const [resource, id, sub, ...rest] = parts;
  const visible = (v: Visibility) => v === "public" || ctx.authenticated;
  const q = req.url.searchParams;

  if (resource === "groups" && id === undefined) {
    const groups = [...ctx.world.groups.values()]
      .filter((g) => visible(g.visibility) && (q.get("top_level_only") !== "true" || g.parentId === null))
      .sort(q.get("order_by") === "id" ? (a, b) => a.id - b.id : (a, b) => a.path.localeCompare(b.path));
    if (q.get("sort") === "desc") groups.reverse();
    return paginate(
      req,
      groups.map((g) => toGroupJson(ctx.world, g, ctx.webUrl)),
      ctx.webUrl,
    );
  }
  if (resource === "groups" && id !== undefined) {
    const group = findGroup(ctx.world, id);
    if (!group || !visible(group.visibility)) return notFound("Group");
    if (sub === "projects" && rest.length === 0) {
      return paginate(req, groupProjects(ctx, group, q).map(toJson(ctx)), ctx.webUrl);
    }
    if (sub !== undefined) return { status: 404, body: { error: "404 Not Found" } };
    const body: Record<string, unknown> = toGroupJson(ctx.world, group, ctx.webUrl);
    // GET /groups/:id still embeds the group's projects unless with_projects=false (deprecated, but the default).
    if (q.get("with_projects") !== "false") body.projects = groupProjects(ctx, group, q).map(toJson(ctx));
    return { status: 200, body };
  }
  if (resource === "users" && id === undefined) {
    const username = q.get("username")?.toLowerCase();
    const users = [...ctx.world.users.values()].filter(
      (u) => username === undefined || u.username.toLowerCase() === username,
    );
    return paginate(
      req,
      users.map((u) => toUserJson(u, ctx.webUrl)),
      ctx.webUrl,
    );
  }
  if (resource === "users" && id !== undefined && sub === "projects") {
    const user = [...ctx.world.users.values()].find((u) => String(u.id) === id || u.username === id);
    if (!user) return notFound("User");
    const projects = [...ctx.world.projects.values()].filter(
      (p) => p.namespace.kind === "user" && p.namespace.id === user.id && visible(p.visibility),
    );
    return paginate(req, sortProjects(filterArchived(projects, q), q).map(toJson(ctx)), ctx.webUrl);
  }
  if (resource === "projects" && id !== undefined) {
    const project = findProject(ctx.world, id);
    if (!project || !visible(project.visibility)) return notFound("Project");
    if (sub === undefined) return { status: 200, body: toProjectJson(ctx.world, project, ctx.webUrl) };
    if (sub === "repository" && rest[0] === "files" && rest.length === 2) {
      return fileResponse(project, rest[1]!, q.get("ref"), req.method === "HEAD", ctx.authenticated);
    }
  }
  return { status: 404, body: { error: "404 Not Found" } };
}

function toJson(ctx: RouteContext) {
  return (p: FakeProject) => toProjectJson(ctx.world, p, ctx.webUrl);
}

/** Segments after /api/v4/, each decoded once (so "top%2Fsub" stays one segment: "top/sub"). */
function splitPath(url: URL): string[] | null {
  const prefix = "/api/v4/";
  if (!url.pathname.startsWith(prefix)) return null;
  return url.pathname.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
}

function findGroup(world: FakeGitlabWorld, id: string): FakeGroup | undefined {
  if (/^\d+$/.test(id)) return world.groups.get(Number(id));
  const wanted = id.toLowerCase();
  return [...world.groups.values()].find((g) => world.groupFullPath(g).toLowerCase() === wanted);
}

function findProject(world: FakeGitlabWorld, id: string): FakeProject | undefined {
  if (/^\d+$/.test(id)) return world.projects.get(Number(id));
  const wanted = id.toLowerCase();
  return [...world.projects.values()].find((p) => world.projectFullPath(p).toLowerCase() === wanted);
}

/** A group's projects: its own, its subgroups' with include_subgroups, and those shared into it unless with_shared=false. */
function groupProjects(ctx: RouteContext, group: FakeGroup, q: URLSearchParams): FakeProject[] {
  const { world } = ctx;
  const deep = q.get("include_subgroups") === "true";
  const withShared = q.get("with_shared") !== "false";
  const inScope = (groupId: number) => {
    const g = world.groups.get(groupId);
    return g !== undefined && (deep ? world.isWithin(g, group) : g.id === group.id);
  };
  const projects = [...world.projects.values()].filter((p) => {
    if (p.visibility !== "public" && !ctx.authenticated) return false;
    if (p.namespace.kind === "group" && inScope(p.namespace.id)) return true;
    return withShared && p.sharedWithGroupIds.some(inScope);
  });
  return sortProjects(filterArchived(projects, q), q);
}

function filterArchived(projects: FakeProject[], q: URLSearchParams): FakeProject[] {
  const archived = q.get("archived");
  if (archived === null) return projects;
  return projects.filter((p) => p.archived === (archived === "true"));
}

/** order_by id | path | last_activity_at | created_at (default, which follows id here); sort desc by default. */
function sortProjects(projects: FakeProject[], q: URLSearchParams): FakeProject[] {
  const by = q.get("order_by") ?? "created_at";
  const sorted = [...projects].sort((a, b) => {
    if (by === "path") return a.path.localeCompare(b.path) || a.id - b.id;
    if (by === "last_activity_at") return a.lastActivityAt.localeCompare(b.lastActivityAt) || a.id - b.id;
    return a.id - b.id;
  });
  return q.get("sort") === "asc" ? sorted : sorted.reverse();
}
