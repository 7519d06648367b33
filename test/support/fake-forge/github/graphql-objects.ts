// The world as GraphQL objects: owners, repository connections with GitHub-like offset cursors, repositories
// and blobs. Plain objects whose fields are values or `(args) => value` functions, for graphql-js `execute`.
import { GraphQLError } from "graphql";
import { type FakeOwner, type FakeRepository, type GithubWorld, gitBlobSha } from "./world.ts";

export interface GraphqlWorldOptions {
  /** Base web URL the world's `url` fields use, e.g. https://github.com or the fake's own URL. */
  webUrl: string;
  /** Blobs larger than this are answered with `isTruncated: true` and partial text (GitHub: ~512 KiB). */
  textLimitBytes: number;
  /** Serve at most this many nodes per page whatever `first` asks (GitHub sometimes answers short pages). */
  pageSizeCap?: number;
}

export type Args = Record<string, unknown>;
// ignoreBOM keeps a leading U+FEFF in `text`, as GitHub does: the bytes are the file's, BOM included.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const blobShaCache = new WeakMap<Uint8Array, string>();

export function ownerObject(world: GithubWorld, options: GraphqlWorldOptions, login: string) {
  const owner = world.owners.get(login.toLowerCase());
  if (!owner) return null;
  return {
    __typename: owner.type,
    id: owner.nodeId,
    databaseId: owner.databaseId,
    login: owner.login,
    url: `${options.webUrl}/${owner.login}`,
    repositories: (args: Args) => repositoryConnection(world, options, owner, args),
    repository: ({ name }: Args) => {
      const repo = world.findRepository(`${owner.login}/${name}`);
      return repo ? repositoryObject(world, options, repo) : null;
    },
  };
}

function repositoryConnection(
  world: GithubWorld,
  options: GraphqlWorldOptions,
  owner: FakeOwner,
  args: Args,
) {
  const first = args.first as number | null | undefined;
  if (first == null && args.last == null) {
    throw new GraphQLError(
      "You must provide a `first` or `last` value to properly paginate the `repositories` connection.",
      {
        extensions: { type: "MISSING_PAGINATION_BOUNDARIES" },
      },
    );
  }
  const size = (first ?? (args.last as number)) as number;
  if (size > 100 || size < 0) {
    throw new GraphQLError(
      `Requesting ${size} records on the \`repositories\` connection exceeds the \`first\` limit of 100 records.`,
      {
        extensions: { type: "EXCESSIVE_PAGINATION" },
      },
    );
  }
  const affiliations = (args.ownerAffiliations as string[] | null | undefined) ?? ["OWNER", "COLLABORATOR"];
  let all = affiliations.includes("OWNER")
    ? (world.ownerRepositories.get(owner.login.toLowerCase()) ?? [])
    : [];
  if (affiliations.includes("COLLABORATOR")) all = [...all, ...world.sharedWith(owner.login)];
  if (args.privacy === "PUBLIC") all = all.filter((r) => !r.isPrivate);
  if (args.privacy === "PRIVATE") all = all.filter((r) => r.isPrivate);
  if (typeof args.isFork === "boolean") all = all.filter((r) => r.isFork === args.isFork);
  if (typeof args.isArchived === "boolean") all = all.filter((r) => r.isArchived === args.isArchived);
  // Offset cursors: a repository created or deleted before the cursor shifts the next page. GitHub's cursors
  // are keyset-like and shift less; the fake is the harsher case, the duplicate/skip hazard listers must survive.
  const start = typeof args.after === "string" ? decodeCursor(args.after) : 0;
  const page = all.slice(start, start + Math.min(size, options.pageSizeCap ?? size));
  const end = start + page.length;
  return {
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? encodeCursor(start + 1) : null,
      endCursor: page.length ? encodeCursor(end) : null,
    },
    nodes: page.map((r) => repositoryObject(world, options, r)),
    edges: page.map((r, i) => ({
      cursor: encodeCursor(start + i + 1),
      node: repositoryObject(world, options, r),
    })),
  };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString("base64");
}

function decodeCursor(cursor: string): number {
  const m = Buffer.from(cursor, "base64")
    .toString()
    .match(/^cursor:v2:(\d+)$/);
  if (!m)
    throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
      extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
    });
  return Number(m[1]);
}

export function repositoryObject(
  world: GithubWorld,
  options: GraphqlWorldOptions,
  repo: FakeRepository,
): Record<string, unknown> {
  const ownerRecord = world.owners.get(repo.owner.toLowerCase())!;
  const isEmpty = repo.files.size === 0;
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.databaseId,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    url: `${options.webUrl}/${repo.owner}/${repo.name}`,
    isFork: repo.isFork,
    isArchived: repo.isArchived,
    isPrivate: repo.isPrivate,
    isDisabled: repo.isDisabled,
    isEmpty,
    visibility: repo.isPrivate ? "PRIVATE" : "PUBLIC",
    createdAt: repo.createdAt,
    pushedAt: repo.pushedAt,
    owner: () => ownerObject(world, options, ownerRecord.login),
    parent: () => {
      const parent = repo.parent ? world.findRepository(repo.parent) : undefined;
      return parent ? repositoryObject(world, options, parent) : null;
    },
    defaultBranchRef: isEmpty ? null : { __typename: "Ref", name: repo.defaultBranch, prefix: "refs/heads/" },
    object: ({ expression }: Args) => blobObject(options, repo, String(expression)),
  };
}

function blobObject(options: GraphqlWorldOptions, repo: FakeRepository, expression: string) {
  // Only "<ref>:<path>" on the default branch is modelled; other refs resolve to nothing, as an unknown ref does.
  const colon = expression.indexOf(":");
  const ref = expression.slice(0, colon);
  if (
    colon < 0 ||
    (ref !== "HEAD" && ref !== repo.defaultBranch && ref !== `refs/heads/${repo.defaultBranch}`)
  )
    return null;
  const bytes = repo.files.get(expression.slice(colon + 1));
  if (!bytes) return null;
  let oid = blobShaCache.get(bytes);
  if (!oid) {
    oid = gitBlobSha(bytes);
    blobShaCache.set(bytes, oid);
  }
  // git's own heuristic: a NUL byte in the first 8000 bytes makes a file binary.
  const isBinary = bytes.subarray(0, 8000).includes(0);
  const isTruncated = bytes.byteLength > options.textLimitBytes;
  return {
    __typename: "Blob",
    id: `B_${oid}`,
    oid,
    abbreviatedOid: oid.slice(0, 7),
    byteSize: bytes.byteLength,
    isBinary,
    isTruncated,
    // GitHub decodes lossily (invalid UTF-8 becomes U+FFFD); the client must not trust `text` blindly.
    text: isBinary ? null : decoder.decode(isTruncated ? bytes.subarray(0, options.textLimitBytes) : bytes),
  };
}
