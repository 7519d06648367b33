// One GitHub repository by URL (GraphQL `repository(owner, name)`, which follows renames and transfers) or by
// node id (GraphQL `node(id)`), and the REST blob fetch used when GraphQL's `text` cannot carry the bytes.
// @see https://docs.github.com/en/rest/git/blobs#get-a-blob
import { ForgeError, type KnownRepository, type RepositoryFacts } from "../types.ts";
import type { GithubContext } from "./context.ts";
import { parseGithubSourceUrl } from "./endpoint.ts";
import { type FetchBlob, toRepositoryFacts } from "./map-repository.ts";
import { GET_NODE_QUERY, GET_REPOSITORY_QUERY, type RepositoryNode } from "./queries.ts";
import type { RetryBudget } from "./transport.ts";

interface ScanOptions {
  known?: ReadonlyMap<string, KnownRepository>;
  signal?: AbortSignal;
}

export async function scanGithubRepository(
  ctx: GithubContext,
  repoUrlOrId: string,
  options: ScanOptions = {},
): Promise<RepositoryFacts | null> {
  const retry = { remaining: ctx.retryBudgetPerCrawl };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(repoUrlOrId)) {
    const body = await ctx.transport.graphql(GET_NODE_QUERY, { id: repoUrlOrId }, retry, options.signal);
    return toFactsOrNull(ctx, body, "node", retry, options);
  }
  const source = parseGithubSourceUrl(repoUrlOrId, ctx.endpoint);
  if (!source.name) throw new ForgeError(`${repoUrlOrId} names an owner, not a repository`, false);
  return scanByFullName(ctx, source.owner, source.name, retry, options);
}

export async function scanByFullName(
  ctx: GithubContext,
  owner: string,
  name: string,
  retry: RetryBudget,
  options: ScanOptions,
): Promise<RepositoryFacts | null> {
  const body = await ctx.transport.graphql(GET_REPOSITORY_QUERY, { owner, name }, retry, options.signal);
  return toFactsOrNull(ctx, body, "repository", retry, options);
}

async function toFactsOrNull(
  ctx: GithubContext,
  body: { data?: unknown; errors?: { type?: string; message?: string }[] },
  field: "repository" | "node",
  retry: RetryBudget,
  options: ScanOptions,
): Promise<RepositoryFacts | null> {
  const node = (body.data as Record<string, RepositoryNode | null> | null | undefined)?.[field];
  // NOT_FOUND comes as an error beside a null field; any other error with no data is a query GitHub refused.
  const refused = body.errors?.filter((e) => e.type !== "NOT_FOUND") ?? [];
  if (!node && refused.length) {
    throw new ForgeError(`GitHub refused the query: ${refused.map((e) => e.message).join("; ")}`, false);
  }
  // `node(id)` of something that is not a repository resolves to an object without repository fields.
  if (!node?.id || !node.nameWithOwner) return null;
  const fetchBlob = fetchBlobOverRest(ctx, retry, options.signal);
  return toRepositoryFacts(node, options.known?.get(node.id), fetchBlob);
}

/** Raw blob bytes over REST: JSON with base64 content, exact bytes whatever their encoding. */
export function fetchBlobOverRest(ctx: GithubContext, retry: RetryBudget, signal?: AbortSignal): FetchBlob {
  return async (nameWithOwner, oid) => {
    const [owner = "", repo = ""] = nameWithOwner.split("/");
    const res = await ctx.transport.restGet(
      "/repos/{owner}/{repo}/git/blobs/{file_sha}",
      { owner, repo, file_sha: oid },
      retry,
      signal,
    );
    if (res.status === 404) return null;
    const data = res.data as { content?: string; encoding?: string };
    if (data.encoding !== "base64" || typeof data.content !== "string") {
      throw new ForgeError(`unexpected blob encoding ${data.encoding} for ${nameWithOwner}@${oid}`, false);
    }
    return new Uint8Array(Buffer.from(data.content, "base64"));
  };
}
