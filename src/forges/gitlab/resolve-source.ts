// What a source URL on a GitLab instance names. A path alone cannot tell a group (at any depth) from a user or
// a project, so we ask the API in the order that costs least for the common case: the group first, then the
// project (paths with a slash only: a project always sits in a namespace), then the user (a single segment).
// Full paths are URL-encoded by gitbeaker ("top%2Fsub"), as GitLab requires.
// @see https://docs.gitlab.com/api/rest/#namespaced-paths
import { type ForgeEndpoint, ForgeError } from "../types.ts";
import { toNamespacePath } from "./endpoint.ts";
import type { GitlabApi } from "./gitbeaker.ts";
import {
  type GitlabProject,
  gitlabGroupSchema,
  gitlabProjectSchema,
  gitlabUserSchema,
  parseGitlab,
} from "./schemas.ts";
import { orNullOn404 } from "./transport-support.ts";

export type GitlabSource =
  | { kind: "instance" }
  | { kind: "group"; id: number; fullPath: string }
  | { kind: "user"; id: number; username: string }
  | { kind: "project"; project: GitlabProject };

export async function resolveGitlabSource(
  api: GitlabApi,
  endpoint: ForgeEndpoint,
  sourceUrl: string,
): Promise<GitlabSource> {
  const path = toNamespacePath(endpoint, sourceUrl);
  if (path === "") return { kind: "instance" };

  // with_projects=false: GET /groups/:id would otherwise embed up to 100 projects we are about to page anyway.
  const group = await orNullOn404(() => api.groups.show(path, { withProjects: false }));
  if (group) {
    const { id, full_path } = parseGitlab(gitlabGroupSchema, group, "group");
    return { kind: "group", id, fullPath: full_path };
  }
  if (path.includes("/")) {
    const project = await findProject(api, path);
    if (project) return { kind: "project", project };
  } else {
    const users = await api.users.all({ username: path });
    const user = Array.isArray(users) ? users[0] : undefined;
    if (user) {
      const { id, username } = parseGitlab(gitlabUserSchema, user, "user");
      return { kind: "user", id, username };
    }
  }
  throw new ForgeError(`no GitLab group, project or user at ${sourceUrl}`, false, 404);
}

/** A project by numeric id or full path; null when it does not exist or is not visible to us. */
export async function findProject(api: GitlabApi, idOrPath: string | number): Promise<GitlabProject | null> {
  const raw = await orNullOn404(() => api.projects.show(idOrPath));
  return raw ? parseGitlab(gitlabProjectSchema, raw, "project") : null;
}
