// Lists a GitHub source: an organisation or user (one GraphQL query per 100 repositories, files included) or a
// single repository. Each repository is reported once even when pages shift under the cursor; when the owner's
// repository count changed during the listing (a creation or deletion can push a repository past the cursor),
// one more pass picks up what the shift may have skipped.
import { ForgeError, type ListSourceOptions, type RepositoryFacts } from "../types.ts";
import type { GithubContext } from "./context.ts";
import { parseGithubSourceUrl } from "./endpoint.ts";
import { toRepositoryFacts } from "./map-repository.ts";
import { LIST_REPOSITORIES_QUERY, type ListRepositoriesData } from "./queries.ts";
import { fetchBlobOverRest, scanByFullName } from "./scan-repository.ts";

export async function* listGithubSource(
  ctx: GithubContext,
  sourceUrl: string,
  options: ListSourceOptions = {},
): AsyncIterable<RepositoryFacts> {
  const source = parseGithubSourceUrl(sourceUrl, ctx.endpoint);
  const retry = { remaining: ctx.retryBudgetPerCrawl };
  if (source.name) {
    const facts = await scanByFullName(ctx, source.owner, source.name, retry, options);
    if (facts) yield facts;
    return;
  }
  const seen = new Set<string>();
  const fetchBlob = fetchBlobOverRest(ctx, retry, options.signal);
  let firstTotal: number | null = null;
  for (let pass = 0; pass < 2; pass++) {
    let cursor: string | null = null;
    let lastTotal = 0;
    do {
      const page = await fetchPage(ctx, source.owner, cursor, retry, options.signal);
      firstTotal ??= page.totalCount;
      lastTotal = page.totalCount;
      for (const node of page.nodes) {
        if (!node || seen.has(node.id)) continue;
        seen.add(node.id);
        yield await toRepositoryFacts(node, options.known?.get(node.id), fetchBlob);
      }
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    if (lastTotal === firstTotal) return;
    firstTotal = lastTotal;
  }
}

async function fetchPage(
  ctx: GithubContext,
  login: string,
  cursor: string | null,
  retry: { remaining: number },
  signal?: AbortSignal,
) {
  const body = await ctx.transport.graphql(LIST_REPOSITORIES_QUERY, { login, cursor }, retry, signal);
  const data = body.data as ListRepositoriesData | null | undefined;
  if (body.errors?.length) {
    // With data beside them, errors mean a partial page (some repositories came back null): never drop those
    // silently; fail the crawl so it is retried later. Without data, GitHub refused the query itself.
    const message = body.errors.map((e) => e.message).join("; ");
    const partial = Boolean(data?.repositoryOwner);
    throw new ForgeError(
      `GitHub ${partial ? "answered part of" : "rejected"} the listing of ${login}: ${message}`,
      partial,
    );
  }
  if (!data?.repositoryOwner) throw new ForgeError(`GitHub has no organisation or user ${login}`, false, 404);
  return data.repositoryOwner.repositories;
}
