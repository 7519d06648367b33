// The repository table as the harvester keeps it: one row per (forge, forge id), so renames and transfers
// update the row instead of creating a new one.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type RepositoryRow, repository } from "../../db/schema/index.ts";
import type { RepositoryFacts } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { harvestStatements } from "./statements.ts";

/** Every repository found so far through a source, keyed by the forge's repository id. */
export function knownRepositories(db: DbOrTx, sourceId: string): Map<string, RepositoryRow> {
  const rows = db.select().from(repository).where(eq(repository.sourceId, sourceId)).all();
  return new Map(rows.map((r) => [r.forgeRepoId, r]));
}

/** The row of a repository by its forge identity (any source, or none); usable inside a transaction. */
export function findRepositoryRow(db: Db, forgeId: string, forgeRepoId: string): RepositoryRow | undefined {
  return harvestStatements(db).repositoryByForgeId.get({ forgeId, forgeRepoId });
}

export interface UpsertRepositoryInput {
  forgeId: string;
  sourceId: string;
  facts: RepositoryFacts;
  /** The blob sha and path to store: only once the version is recorded, so a crash never hides a change. */
  blob: { sha: string; path: string } | null;
}

/** Inserts or updates the row for facts.forgeRepoId; returns it, and whether it is new. */
export function upsertRepositoryRow(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: UpsertRepositoryInput,
): { row: RepositoryRow; inserted: boolean } {
  const { facts } = input;
  const now = ctx.clock.now();
  const values = {
    url: canonicalUrl(facts.url),
    defaultBranch: facts.defaultBranch,
    isFork: facts.isFork,
    isArchived: facts.isArchived,
    isPrivate: facts.isPrivate,
    isEmpty: facts.isEmpty,
    pushedAt: facts.pushedAt ? new Date(facts.pushedAt) : null,
    lastSeenAt: now,
    publiccodeBlobSha: input.blob?.sha ?? null,
    publiccodePath: input.blob?.path ?? null,
    sourceId: input.sourceId,
    updatedAt: now,
  };
  const existing = findRepositoryRow(ctx.db, input.forgeId, facts.forgeRepoId);
  if (existing) {
    const row = tx.update(repository).set(values).where(eq(repository.id, existing.id)).returning().get()!;
    return { row, inserted: false };
  }
  // Most repositories of a first crawl land here: the prepared insert spares building and preparing the SQL.
  const row = harvestStatements(ctx.db).insertRepository.get({
    ...values,
    id: ctx.newId(),
    forgeId: input.forgeId,
    forgeRepoId: facts.forgeRepoId,
    createdAt: now,
  })!;
  return { row, inserted: true };
}
