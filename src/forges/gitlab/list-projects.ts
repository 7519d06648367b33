// The projects of a source, page by page (100 a page, GitLab's maximum), ordered by id ascending so projects
// created during the listing land on the last page instead of shifting earlier ones.
// Groups are listed with include_subgroups=true (every depth in one listing) and with_shared=false, so a project
// shared into the group from elsewhere is left to its own publisher.
// @see https://docs.gitlab.com/api/groups/#list-projects
import { ForgeError } from "../types.ts";
import type { GitlabApi } from "./gitbeaker.ts";
import type { GitlabSource } from "./resolve-source.ts";
import { gitlabGroupSchema, gitlabPageSchema, parseGitlab } from "./schemas.ts";

const PER_PAGE = 100;
// A guard against a forge whose X-Next-Page never ends: 100,000 pages is 10 million projects.
const MAX_PAGES = 100_000;

type FetchPage = (page: number) => Promise<unknown>;

const pageOptions = (page: number) => ({
  orderBy: "id" as const,
  sort: "asc" as const,
  perPage: PER_PAGE,
  page,
  showExpanded: true as const,
});

export function listSourceProjectPages(api: GitlabApi, source: Exclude<GitlabSource, { kind: "project" }>) {
  if (source.kind === "group") return listGroupProjectPages(api, source.id);
  if (source.kind === "user") {
    return readPages((page) => api.users.allProjects(source.id, pageOptions(page)));
  }
  return listInstanceProjectPages(api);
}

function listGroupProjectPages(api: GitlabApi, groupId: number): AsyncGenerator<unknown[]> {
  return readPages((page) =>
    api.groups.allProjects(groupId, {
      ...pageOptions(page),
      includeSubgroups: true,
      withShared: false,
    }),
  );
}

/** An instance root: every top-level group the caller can see, each with all its subgroups. */
async function* listInstanceProjectPages(api: GitlabApi): AsyncGenerator<unknown[]> {
  const groupPages = readPages((page) =>
    api.groups.all({ ...pageOptions(page), topLevelOnly: true, allAvailable: true }),
  );
  for await (const groups of groupPages) {
    for (const raw of groups) {
      const group = parseGitlab(gitlabGroupSchema, raw, "group");
      try {
        yield* listGroupProjectPages(api, group.id);
      } catch (error) {
        // A group deleted (or made private) since the group listing must not fail the whole instance.
        if (!(error instanceof ForgeError && error.status === 404)) throw error;
      }
    }
  }
}

/**
 * Offset pages, following X-Next-Page. When X-Total drops between two pages, rows were removed from pages
 * already read (a project deleted or transferred away) and as many rows from later pages slid back onto them:
 * the pages they can have slid onto are read again, so nothing is skipped (the caller drops the repeats).
 */
async function* readPages(fetchPage: FetchPage): AsyncGenerator<unknown[]> {
  let page = 1;
  let previousTotal: number | undefined;
  for (let read = 0; read < MAX_PAGES; read++) {
    const { data, paginationInfo } = parseGitlab(gitlabPageSchema, await fetchPage(page), "page");
    const total = finiteOrUndefined(paginationInfo.total);
    if (page > 1 && previousTotal !== undefined && total !== undefined && total < previousTotal) {
      const perPage = finiteOrUndefined(paginationInfo.perPage) ?? PER_PAGE;
      const pagesBack = Math.ceil((previousTotal - total) / perPage);
      for (let again = Math.max(1, page - pagesBack); again < page; again++) {
        yield parseGitlab(gitlabPageSchema, await fetchPage(again), "page").data;
      }
    }
    previousTotal = total;
    yield data;
    const next = paginationInfo.next;
    if (!next || next <= page) return;
    page = next;
  }
}

function finiteOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
