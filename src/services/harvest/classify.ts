// Pure decisions about one listed repository, given what the catalogue already knows of it.
import type { RepositoryRow } from "../../db/schema/index.ts";
import type { RepositoryFacts } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";

export type RepositoryChange =
  /** Same facts, same blob: nothing to parse, nothing to write. */
  | "unchanged"
  /** Repository facts changed (URL, flags, branch, push time) but the file did not. */
  | "facts"
  /** A file appeared or its blob changed: parse and record a version. */
  | "file"
  /** The repository had a file and no longer has one. */
  | "file-removed";

export function classifyRepository(
  known: RepositoryRow | undefined,
  facts: RepositoryFacts,
): RepositoryChange {
  const blobSha = facts.publiccodeNotModified
    ? (known?.publiccodeBlobSha ?? null)
    : (facts.publiccode?.blobSha ?? null);
  if (known?.publiccodeBlobSha && !blobSha) return "file-removed";
  if (blobSha && blobSha !== known?.publiccodeBlobSha) return "file";
  if (!known) return "facts";
  const same =
    // Stored URLs are canonical; a forge may report http:// or a trailing slash for the same repository.
    known.url === sameOrCanonical(facts.url) &&
    known.defaultBranch === facts.defaultBranch &&
    known.isFork === facts.isFork &&
    known.isArchived === facts.isArchived &&
    known.isPrivate === facts.isPrivate &&
    known.isEmpty === facts.isEmpty &&
    (known.pushedAt?.toISOString() ?? null) === normaliseTime(facts.pushedAt);
  return same ? "unchanged" : "facts";
}

function sameOrCanonical(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

function normaliseTime(iso: string | null): string | null {
  if (!iso) return null;
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/**
 * A technical fork: the file's `url` names another repository (a fork or copy that kept the upstream file),
 * and either the forge flags the repository as a fork or the named URL is already in the catalogue. It is
 * recorded as a repository but not listed as separate software. A variant that declares its own `url` (and
 * `isBasedOn`) is not a technical fork: it is its own software. A non-fork whose file names a URL nobody
 * else claims keeps its software (the declared URL is most likely stale after a move).
 */
export function isTechnicalFork(fork: {
  declaredUrl: string | null;
  ownUrls: readonly string[];
  forgeSaysFork: boolean;
  declaredUrlIsCatalogued: boolean;
}): boolean {
  if (!fork.declaredUrl || fork.ownUrls.includes(fork.declaredUrl)) return false;
  return fork.forgeSaysFork || fork.declaredUrlIsCatalogued;
}
