// JSON bodies in the shapes GitLab's REST API v4 returns (a subset of fields, with the real names and types).
// @see https://docs.gitlab.com/api/projects/#get-a-single-project
// @see https://docs.gitlab.com/api/groups/#get-a-single-group
import type { FakeGitlabWorld, FakeGroup, FakeProject, FakeUser } from "./world.ts";

export function toGroupJson(world: FakeGitlabWorld, group: FakeGroup, webUrl: string) {
  const fullPath = world.groupFullPath(group);
  return {
    id: group.id,
    web_url: `${webUrl}/groups/${fullPath}`,
    name: group.name,
    path: group.path,
    description: "",
    visibility: group.visibility,
    full_name: fullPath.split("/").join(" / "),
    full_path: fullPath,
    parent_id: group.parentId,
    created_at: "2020-01-01T00:00:00.000Z",
  };
}

export function toUserJson(user: FakeUser, webUrl: string) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: "active",
    locked: false,
    avatar_url: null,
    web_url: `${webUrl}/${user.username}`,
  };
}

function toNamespaceJson(world: FakeGitlabWorld, project: FakeProject, webUrl: string) {
  const fullPath = world.namespaceFullPath(project.namespace);
  const group = project.namespace.kind === "group" ? world.groups.get(project.namespace.id) : undefined;
  return {
    id: project.namespace.id,
    name: group?.name ?? fullPath,
    path: fullPath.split("/").at(-1),
    kind: project.namespace.kind === "group" ? "group" : "user",
    full_path: fullPath,
    parent_id: group?.parentId ?? null,
    avatar_url: null,
    web_url: project.namespace.kind === "group" ? `${webUrl}/groups/${fullPath}` : `${webUrl}/${fullPath}`,
  };
}

export function toProjectJson(world: FakeGitlabWorld, project: FakeProject, webUrl: string) {
  const fullPath = world.projectFullPath(project);
  const parent = project.forkedFromId === null ? undefined : world.projects.get(project.forkedFromId);
  const json: Record<string, unknown> = {
    id: project.id,
    description: null,
    name: project.path,
    name_with_namespace: fullPath.split("/").join(" / "),
    path: project.path,
    path_with_namespace: fullPath,
    created_at: "2020-01-01T00:00:00.000Z",
    default_branch: project.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@fake-gitlab:${fullPath}.git`,
    http_url_to_repo: `${webUrl}/${fullPath}.git`,
    web_url: `${webUrl}/${fullPath}`,
    readme_url: null,
    forks_count: 0,
    avatar_url: null,
    star_count: 0,
    last_activity_at: project.lastActivityAt,
    namespace: toNamespaceJson(world, project, webUrl),
    archived: project.archived,
    visibility: project.visibility,
    empty_repo: project.defaultBranch === null,
    repository_access_level: project.repositoryAccessLevel,
    _links: { self: `${webUrl}/api/v4/projects/${project.id}` },
  };
  if (parent) {
    // GitLab embeds a short form of the parent project, only while the fork relationship exists.
    const parentPath = world.projectFullPath(parent);
    json.forked_from_project = {
      id: parent.id,
      name: parent.path,
      path: parent.path,
      path_with_namespace: parentPath,
      web_url: `${webUrl}/${parentPath}`,
    };
  }
  return json;
}
