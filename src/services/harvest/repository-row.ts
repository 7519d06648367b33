// The repository table as the harvester keeps it: one row per (forge, forge id), so renames and transfers
// update the row instead of creating a new one.
import { and, eq } from "drizzle-orm";
import { repository, type RepositoryRow } from "../../db/schema/index.ts";
import type { RepositoryFacts } from "../../forges/types.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";

/** Every repository found so far through a source, keyed by the forge's repository id. */
export function knownRepositories(db: DbOrTx, sourceId: string): Map<string, RepositoryRow> {
  const rows = db.select().from(repository).where(eq(repository.sourceId, sourceId)).all();
  return new Map(rows.map((r) => [r.forgeRepoId, r]));
}

export function findRepositoryRow(
  db: DbOrTx,
  forgeId: string,
  forgeRepoId: string,
): RepositoryRow | undefined {
  return db
    .select()
    .from(repository)
    .where(and(eq(repository.forgeId, forgeId), eq(repository.forgeRepoId, forgeRepoId)))
    .get();
}

export interface UpsertRepositoryInput {
  forgeId: string;
  sourceId: string;
  facts: RepositoryFacts;
  /** The blob sha and path to store: only once the version is recorded, so a crash never hides a change. */
  blob: { sha: string; path: string } | null;
}

/** Inserts or updates the row for facts.forgeRepoId; returns it. */
export function upsertRepositoryRow(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: UpsertRepositoryInput,
): RepositoryRow {
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
  const existing = findRepositoryRow(tx, input.forgeId, facts.forgeRepoId);
  if (existing) {
    return tx.update(repository).set(values).where(eq(repository.id, existing.id)).returning().get()!;
  }
  return tx
    .insert(repository)
    .values({
      id: ctx.newId(),
      forgeId: input.forgeId,
      forgeRepoId: facts.forgeRepoId,
      createdAt: now,
      ...values,
    })
    .returning()
    .get();
}
