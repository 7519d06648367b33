// The GitLab forge client: groups (with every subgroup), users, instance roots and single projects, each
// project reported once with its facts and its publiccode.yml bytes. gitbeaker speaks the API; our transport
// (budget, retries) carries the requests; `known` lets a re-crawl skip what has not changed.
import type { ForgeClient, KnownRepository, ListSourceOptions, RepositoryFacts } from "../types.ts";
import { toNamespacePath } from "./endpoint.ts";
import { createGitlabApi, type GitlabApi } from "./gitbeaker.ts";
import { listSourceProjectPages } from "./list-projects.ts";
import { mapWithConcurrency } from "./map-with-concurrency.ts";
import { toProjectFacts } from "./project-facts.ts";
import { readPubliccode } from "./publiccode-file.ts";
import { findProject, resolveGitlabSource } from "./resolve-source.ts";
import { type GitlabProject, gitlabProjectSchema, parseGitlab } from "./schemas.ts";
import { createGitlabTransport, type GitlabTransport, type GitlabTransportOptions } from "./transport.ts";

/** Transport options (endpoint, budget, injected fetch/sleep/clock/random, retry limits) plus listing ones. */
export interface GitlabClientOptions extends GitlabTransportOptions {
  /** Projects whose file is looked up at the same time (default 4): a page of 100 is not 100 sequential HEADs. */
  concurrency?: number;
}

export function createGitlabClient(options: GitlabClientOptions): ForgeClient {
  const { endpoint } = options;
  const transport = createGitlabTransport(options);
  const concurrency = options.concurrency ?? 4;

  async function describe(
    ctx: { api: GitlabApi; transport: GitlabTransport; signal?: AbortSignal },
    project: GitlabProject,
    known: KnownRepository | undefined,
  ): Promise<RepositoryFacts> {
    const facts = toProjectFacts(project);
    return { ...facts, ...(await readPubliccode(ctx, facts, known)) };
  }

  async function* listSource(sourceUrl: string, listOptions: ListSourceOptions = {}) {
    const { known, signal } = listOptions;
    const api = createGitlabApi(endpoint, transport, signal);
    const ctx = { api, transport, ...(signal ? { signal } : {}) };
    const source = await resolveGitlabSource(api, endpoint, sourceUrl);
    if (source.kind === "project") {
      yield await describe(ctx, source.project, known?.get(String(source.project.id)));
      return;
    }
    // Offset pages shift while we read them and an instance lists many groups: a project id is reported once.
    const seen = new Set<number>();
    for await (const page of listSourceProjectPages(api, source)) {
      const fresh = page
        .map((raw) => parseGitlab(gitlabProjectSchema, raw, "project"))
        .filter((project) => !seen.has(project.id) && seen.add(project.id));
      yield* await mapWithConcurrency(fresh, concurrency, (project) =>
        describe(ctx, project, known?.get(String(project.id))),
      );
    }
  }

  async function scanRepository(repoUrlOrId: string, scanOptions: { signal?: AbortSignal } = {}) {
    const api = createGitlabApi(endpoint, transport, scanOptions.signal);
    const idOrPath = /^\d+$/.test(repoUrlOrId) ? Number(repoUrlOrId) : toNamespacePath(endpoint, repoUrlOrId);
    const project = await findProject(api, idOrPath);
    if (!project) return null;
    return describe(
      { api, transport, ...(scanOptions.signal ? { signal: scanOptions.signal } : {}) },
      project,
      undefined,
    );
  }

  return { endpoint, listSource, scanRepository, requestCount: () => transport.requestCount() };
}
