// The harvester's verb: crawl one code-hosting source (organisation, group, user, instance or repository),
// apply each repository in its own transaction, then settle the repositories the listing no longer shows.
import { eq } from "drizzle-orm";
import {
  type CodeHostingRow,
  codeHosting,
  type ForgeRow,
  forge,
  type RepositoryRow,
  repository,
  software,
} from "../../db/schema/index.ts";
import type { ForgeClient, KnownRepository, RepositoryFacts } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { ServiceContext } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { matchForge } from "../forges/match.ts";
import { type AppliedRepository, applyListedRepository, endSoftware } from "./apply-repository.ts";
import { findRepositoryRow, knownRepositories } from "./repository-row.ts";
import { type CrawlSummary, emptySummary } from "./summary.ts";

export interface HarvestDeps {
  /** A client for a registered forge: tokens, host budget and HTTP are the caller's business. */
  clientFor(forge: ForgeRow): ForgeClient;
  /** Called after each repository, for progress bars and logs. */
  onRepository?(event: { sourceUrl: string; url: string; outcome: AppliedRepository["outcome"] }): void;
  signal?: AbortSignal;
}

export interface CrawlSourceInput {
  sourceId: string;
}

export async function crawlSource({
  ctx,
  input,
  deps,
}: {
  ctx: ServiceContext;
  input: CrawlSourceInput;
  deps: HarvestDeps;
}): Promise<CrawlSummary> {
  const started = Date.now();
  const source = ctx.db.select().from(codeHosting).where(eq(codeHosting.id, input.sourceId)).get();
  if (!source) throw new NotFoundError("code hosting source", input.sourceId);
  const forgeRow = await forgeOf(ctx, source);
  const client = deps.clientFor(forgeRow);
  const requestsBefore = client.requestCount();
  const summary = emptySummary(source.url);
  const known = knownRepositories(ctx.db, source.id);
  const seen = new Set<string>();

  try {
    const listing = client.listSource(source.url, {
      known: toKnown(known),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    for await (const facts of listing) {
      if (seen.has(facts.forgeRepoId)) continue;
      seen.add(facts.forgeRepoId);
      const applied = applyRepository(ctx, forgeRow, source, facts, known.get(facts.forgeRepoId));
      tally(summary, facts, applied);
      deps.onRepository?.({ sourceUrl: source.url, url: facts.url, outcome: applied.outcome });
    }
    // Only a complete listing proves that a repository is missing from it.
    for (const [forgeRepoId, row] of known) {
      if (seen.has(forgeRepoId)) continue;
      const scanned = await client.scanRepository(forgeRepoId, deps.signal ? { signal: deps.signal } : {});
      if (scanned && isUnderSource(scanned.url, source.url)) {
        // Still the source's (e.g. hidden from the listing by a filter): apply what the scan says.
        tally(summary, scanned, applyRepository(ctx, forgeRow, source, scanned, row));
        continue;
      }
      // Transferred to another registered source on this forge: hand it over now, so the software changes
      // publisher in one step instead of leaving this one and coming back when the other source is crawled.
      const adopter = scanned ? findSourceOf(ctx, forgeRow.id, scanned.url) : undefined;
      if (scanned && adopter) {
        tally(summary, scanned, applyRepository(ctx, forgeRow, adopter, scanned, row));
        continue;
      }
      if (settleMissing(ctx, row.id, scanned)) summary.ended += 1;
    }
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
    ctx.logger.warn({ err: error, source: source.url }, "crawl stopped early");
  }
  summary.requests = client.requestCount() - requestsBefore;
  summary.durationMs = Date.now() - started;
  ctx.db
    .update(codeHosting)
    .set({ lastCrawledAt: ctx.clock.now(), lastError: summary.error })
    .where(eq(codeHosting.id, source.id))
    .run();
  // One structured line per crawl with its outcome and cost; debug, since callers (CLI, worker) report the
  // summary themselves and a failure was logged at warn above.
  ctx.logger.debug({ ...summary, source: source.url }, "crawl finished");
  return summary;
}

function applyRepository(
  ctx: ServiceContext,
  forgeRow: ForgeRow,
  source: CodeHostingRow,
  facts: RepositoryFacts,
  knownHere: ReturnType<typeof findRepositoryRow>,
): AppliedRepository {
  // Not known through this source: maybe transferred in from another one (same forge id).
  const known = knownHere ?? findRepositoryRow(ctx.db, forgeRow.id, facts.forgeRepoId);
  return applyListedRepository(ctx, {
    forge: forgeRow,
    sourceId: source.id,
    publisherId: source.publisherId,
    known,
    facts,
  });
}

/** A repository the listing no longer shows: deleted (or hidden), or moved out of the source. */
function settleMissing(ctx: ServiceContext, repositoryId: string, scanned: RepositoryFacts | null): boolean {
  return ctx.db.transaction((tx) => {
    const sw = tx
      .select({ id: software.id })
      .from(software)
      .where(eq(software.repositoryId, repositoryId))
      .get();
    // Detach the repository from the source so later crawls do not ask about it again; if it shows up in a
    // listing again, the forge id finds this row and the software comes back.
    tx.update(repository)
      .set({ sourceId: null, updatedAt: ctx.clock.now() })
      .where(eq(repository.id, repositoryId))
      .run();
    if (!sw) return false;
    return scanned
      ? endSoftware(tx, ctx, sw.id, "left-publisher", `repository moved to ${scanned.url}`)
      : endSoftware(tx, ctx, sw.id, "gone", "repository deleted or no longer public");
  });
}

/** The registered source on this forge that holds `repoUrl` (the most specific one), if any. */
function findSourceOf(ctx: ServiceContext, forgeId: string, repoUrl: string): CodeHostingRow | undefined {
  return ctx.db
    .select()
    .from(codeHosting)
    .where(eq(codeHosting.forgeId, forgeId))
    .all()
    .filter((candidate) => isUnderSource(repoUrl, candidate.url))
    .sort((a, b) => b.url.length - a.url.length)[0];
}

async function forgeOf(ctx: ServiceContext, source: CodeHostingRow): Promise<ForgeRow> {
  const byId = source.forgeId
    ? ctx.db.select().from(forge).where(eq(forge.id, source.forgeId)).get()
    : undefined;
  const row = byId ?? (await matchForge({ ctx, input: { url: source.url } }));
  if (!row) throw new NotFoundError("forge for", source.url);
  return row;
}

function toKnown(rows: Map<string, RepositoryRow>) {
  const known = new Map<string, KnownRepository>();
  for (const [id, row] of rows) {
    known.set(id, {
      forgeRepoId: id,
      pushedAt: row.pushedAt?.toISOString() ?? null,
      blobSha: row.publiccodeBlobSha,
      // When the repository was last written (an unchanged re-crawl writes nothing, so this may be older than
      // the last look, which is the safe direction for GitLab's hourly activity time).
      checkedAt: row.lastSeenAt?.toISOString() ?? null,
    });
  }
  return known;
}

/** Whether a repository URL lies inside a source: the repository itself, or under the org/group/instance. */
export function isUnderSource(repoUrl: string, sourceUrl: string): boolean {
  const repo = canonicalUrl(repoUrl);
  const source = canonicalUrl(sourceUrl);
  return repo === source || repo.startsWith(`${source}/`);
}

function tally(summary: CrawlSummary, facts: RepositoryFacts, applied: AppliedRepository): void {
  summary.repositories += 1;
  if (facts.publiccode) summary.filesFound += 1;
  if (applied.invalid) summary.invalid += 1;
  switch (applied.outcome) {
    case "unchanged":
    case "recorded":
      summary.unchanged += applied.outcome === "unchanged" ? 1 : 0;
      break;
    case "created":
      summary.created += 1;
      break;
    case "updated":
      summary.updated += 1;
      break;
    case "technical-fork":
      summary.technicalForks += 1;
      break;
    case "ended":
      summary.ended += 1;
      break;
  }
}
