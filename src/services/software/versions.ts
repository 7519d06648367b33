// Writing fetched versions and turning a valid one into the served document.

import { desc, eq, sql } from "drizzle-orm";
import {
  type SoftwareRow,
  type SoftwareVersionRow,
  softwareVersion,
  validationResult,
} from "../../db/schema/index.ts";
import { canonicalUrl } from "../../lib/url.ts";
import type { DbOrTx } from "../context.ts";
import { applyMergePatch } from "../lib/merge-patch.ts";
import { extractFields } from "./extract.ts";
import { insertVersionStatement } from "./statements.ts";
import type { ValidationOutcome } from "./validate.ts";

export interface SourceFacts {
  forge?: string | null;
  repo?: string | null;
  branch?: string | null;
  commitAt?: Date | null;
}

export interface VersionFacts {
  raw: Buffer;
  blobSha: string | null;
  outcome: ValidationOutcome;
  fetchedAt: Date;
  forgeStatus?: string | null;
}

/** Inserts a version (id chosen by the caller, so the software row can name it as served first). */
export function insertVersion(tx: DbOrTx, id: string, softwareId: string, facts: VersionFacts): string {
  insertVersionStatement(tx, {
    id,
    softwareId,
    raw: facts.raw,
    blobSha: facts.blobSha,
    valid: facts.outcome.valid,
    publiccodeYmlVersion: facts.outcome.version,
    document: facts.outcome.valid ? facts.outcome.document : null,
    forgeStatus: facts.forgeStatus ?? null,
    fetchedAt: facts.fetchedAt,
  });
  const results = facts.outcome.results.map((r) => ({ versionId: id, ...r, key: r.key || null }));
  if (results.length > 0) tx.insert(validationResult).values(results).run();
  return id;
}

export function latestVersion(tx: DbOrTx, softwareId: string): SoftwareVersionRow | undefined {
  return (
    tx
      .select()
      .from(softwareVersion)
      .where(eq(softwareVersion.softwareId, softwareId))
      // Insertion order, not fetched_at: the harvester may report fetch times out of order.
      .orderBy(desc(sql`rowid`))
      .limit(1)
      .get()
  );
}

function canonicalOrRaw(url: string | null): string | null {
  if (!url) return null;
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

/** Columns of a software serving `document` (the version's normalised document) with curated overrides on top. */
export function servedColumns(
  document: Record<string, unknown>,
  overrides: Record<string, unknown> | null,
  served: { versionId: string; raw: Buffer; version: string | null; fetchedAt: Date; blobSha: string | null },
): Partial<SoftwareRow> {
  const effective = (overrides ? applyMergePatch(document, overrides) : document) as Record<string, unknown>;
  const fields = extractFields(effective);
  return {
    raw: served.raw,
    document: effective,
    publiccodeYmlVersion: served.version,
    servedVersionId: served.versionId,
    ...fields,
    isBasedOn: canonicalOrRaw(fields.isBasedOn),
    sourceBlobSha: served.blobSha,
    fetchedAt: served.fetchedAt,
  };
}

export function sourceColumns(source: SourceFacts | undefined): Partial<SoftwareRow> {
  if (!source) return {};
  return {
    ...(source.forge !== undefined ? { sourceForge: source.forge } : {}),
    ...(source.repo !== undefined ? { sourceRepo: source.repo } : {}),
    ...(source.branch !== undefined ? { sourceBranch: source.branch } : {}),
    ...(source.commitAt !== undefined ? { sourceCommitAt: source.commitAt } : {}),
  };
}
