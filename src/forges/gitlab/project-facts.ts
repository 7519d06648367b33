// A GitLab project as the harvester sees it. The project id is the stable identity: it survives renames and
// transfers, while web_url and path_with_namespace follow the project to its new place.
import type { RepositoryFacts } from "../types.ts";
import type { GitlabProject } from "./schemas.ts";

export type ProjectFacts = Omit<RepositoryFacts, "publiccode" | "publiccodeNotModified">;

export function toProjectFacts(project: GitlabProject): ProjectFacts {
  return {
    kind: "gitlab",
    forgeRepoId: String(project.id),
    url: project.web_url,
    fullPath: project.path_with_namespace,
    defaultBranch: project.default_branch ?? null,
    isFork: project.forked_from_project != null,
    forkParentUrl: project.forked_from_project?.web_url ?? null,
    isArchived: project.archived ?? false,
    // "internal" projects are visible to signed-in users only, and a public project may keep its repository
    // to members ("private" access level): neither is public code for the catalogue.
    isPrivate:
      (project.visibility !== undefined && project.visibility !== "public") ||
      project.repository_access_level === "private",
    // GitLab has no disabled repositories as GitHub does; a project whose repository feature is off is closest.
    isDisabled: project.repository_access_level === "disabled",
    isEmpty: project.empty_repo ?? false,
    pushedAt: project.last_activity_at ?? null,
  };
}

/** True when the project can hold a file at all: it has commits, a default branch and an enabled repository. */
export function hasReadableRepository(
  facts: ProjectFacts,
): facts is ProjectFacts & { defaultBranch: string } {
  return !facts.isEmpty && !facts.isDisabled && facts.defaultBranch !== null;
}
