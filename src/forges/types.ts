// What the harvester needs from a code forge, behind two small interfaces: a lister (a code-hosting source →
// the repositories in it, with their publiccode file when the forge can include it in the listing) and a scanner
// (one repository → its facts and file). Forge clients know nothing of the database.

export type ForgeKind = "github" | "gitlab";

export interface ForgeEndpoint {
  kind: ForgeKind;
  /** Web URL of the forge, e.g. https://github.com or https://gitlab.example.org */
  webUrl: string;
  /** REST API base, e.g. https://api.github.com, https://ghe.example.org/api/v3, https://gitlab.com/api/v4 */
  apiUrl: string;
  /** GitHub only: GraphQL endpoint (https://api.github.com/graphql, https://ghe.example.org/api/graphql). */
  graphqlUrl?: string;
  /** Tokens pooled for this forge (may be empty: anonymous access). */
  tokens: string[];
}

export type PubliccodeFileName = "publiccode.yml" | "publiccode.yaml";

export interface PubliccodeBlob {
  path: PubliccodeFileName;
  /** Git blob sha (GitHub oid / GitLab blob_id): unchanged sha means unchanged bytes. */
  blobSha: string;
  /** The bytes exactly as stored in git; the harvester parses these and never downloads the file again. */
  bytes: Uint8Array;
}

export interface RepositoryFacts {
  kind: ForgeKind;
  /** The forge's stable id for the repository (GitHub node id, GitLab project id): survives renames. */
  forgeRepoId: string;
  /** Canonical web URL at the time of listing, e.g. https://github.com/owner/name */
  url: string;
  /** owner/name or group/subgroup/project */
  fullPath: string;
  defaultBranch: string | null;
  isFork: boolean;
  /** Web URL of the fork's parent, when the forge says so. */
  forkParentUrl: string | null;
  isArchived: boolean;
  isPrivate: boolean;
  isDisabled: boolean;
  isEmpty: boolean;
  /** Last push / last activity, ISO 8601. */
  pushedAt: string | null;
  /** The publiccode file at the default branch's HEAD; null when the repository has none. */
  publiccode: PubliccodeBlob | null;
  /**
   * True when the lister did not download the file because `known` shows it unchanged (same activity time, or
   * same blob sha): `publiccode` then repeats the known blob sha with empty `bytes` (or is null when the known
   * repository had no file), so a consumer that ignores this flag sees an unchanged sha and changes nothing.
   */
  publiccodeNotModified?: boolean;
}

/** What the harvester already knows about a repository, so a lister can skip unchanged work. */
export interface KnownRepository {
  forgeRepoId: string;
  pushedAt: string | null;
  blobSha: string | null;
  /**
   * When a crawl last reported this repository (ISO 8601), e.g. the repository's last-seen time. GitLab moves
   * `last_activity_at` at most once an hour, so an unchanged activity time proves an unchanged file only when the
   * repository was checked an hour or more after that activity; without this the GitLab client checks the blob
   * (one HEAD). An older value than the truth is always safe.
   */
  checkedAt?: string | null;
}

export interface ListSourceOptions {
  /** Keyed by forgeRepoId. */
  known?: ReadonlyMap<string, KnownRepository>;
  signal?: AbortSignal;
}

export interface ListedSource {
  /** Every repository that belongs to the source (not those merely shared into it), each exactly once. */
  repositories: AsyncIterable<RepositoryFacts>;
}

/** A code-hosting source: an organisation, a user, a GitLab group (any depth), an instance root, or one repo. */
export interface SourceLister {
  listSource(sourceUrl: string, options?: ListSourceOptions): AsyncIterable<RepositoryFacts>;
}

export interface RepositoryScanner {
  /** One repository by URL or forge id; null when it does not exist (404) or is not visible. */
  scanRepository(repoUrlOrId: string, options?: { signal?: AbortSignal }): Promise<RepositoryFacts | null>;
}

export interface ForgeClient extends SourceLister, RepositoryScanner {
  readonly endpoint: ForgeEndpoint;
  /** Requests made so far, for crawl summaries and benchmarks. */
  requestCount(): number;
}

/** A failure talking to a forge. `retry` says whether trying again later can help (5xx, network, rate limit). */
export class ForgeError extends Error {
  override name = "ForgeError";
  constructor(
    message: string,
    readonly retry: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
