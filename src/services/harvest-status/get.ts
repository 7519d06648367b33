// What a publisher (and the public) can see of how their publiccode.yml was harvested: the last fetch, what
// the forge answered, the validation findings of the latest fetched version, and which version is served, why.
import { asc, eq } from "drizzle-orm";
import { softwareVersion, validationResult } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { requireSoftwareRow } from "../software/load.ts";
import type { ValidationFinding } from "../software/validate.ts";
import { latestVersion } from "../software/versions.ts";

export interface SoftwareHarvestStatus {
  softwareId: string;
  state: string;
  stateReason: string | null;
  hasPendingInvalid: boolean;
  /** When the harvester last looked, even if the file was unchanged. */
  lastCheckedAt: Date | null;
  lastFetchedAt: Date | null;
  forgeAnswer: string | null;
  latestVersion: {
    id: string;
    blobSha: string | null;
    fetchedAt: Date;
    valid: boolean;
    publiccodeYmlVersion: string | null;
  } | null;
  servedVersion: { id: string; blobSha: string | null; fetchedAt: Date } | null;
  servedBecause: string;
  errors: ValidationFinding[];
  warnings: ValidationFinding[];
}

function explain(
  state: string,
  hasPendingInvalid: boolean,
  serving: boolean,
  latestIsServed: boolean,
): string {
  if (state === "withdrawn") return "withdrawn: deleted through the API";
  if (state === "suspended") return "suspended by an admin: nothing is published";
  if (!serving) return "no valid version has been fetched yet";
  if (hasPendingInvalid) return "the latest fetched version is invalid: the last valid version is served";
  if (state !== "active") return `the repository is ${state}: the last valid version is kept`;
  return latestIsServed
    ? "the latest fetched version is valid and served"
    : "served version set through the API";
}

export async function getSoftwareHarvestStatus({
  ctx,
  input,
}: VerbArgs<{ id: string }>): Promise<SoftwareHarvestStatus> {
  const row = requireSoftwareRow(ctx.db, input.id);
  const latest = latestVersion(ctx.db, row.id);
  const served = row.servedVersionId
    ? ctx.db.select().from(softwareVersion).where(eq(softwareVersion.id, row.servedVersionId)).get()
    : undefined;
  const findings = latest
    ? ctx.db
        .select()
        .from(validationResult)
        .where(eq(validationResult.versionId, latest.id))
        .orderBy(asc(validationResult.line), asc(validationResult.column), asc(validationResult.id))
        .all()
        .map((r) => ({
          severity: r.severity,
          key: r.key ?? "",
          message: r.message,
          line: r.line,
          column: r.column,
        }))
    : [];
  return {
    softwareId: row.id,
    state: row.state,
    stateReason: row.stateReason,
    hasPendingInvalid: row.hasPendingInvalid,
    lastCheckedAt: row.checkedAt,
    lastFetchedAt: latest?.fetchedAt ?? null,
    forgeAnswer: latest?.forgeStatus ?? null,
    latestVersion: latest
      ? {
          id: latest.id,
          blobSha: latest.blobSha,
          fetchedAt: latest.fetchedAt,
          valid: latest.valid,
          publiccodeYmlVersion: latest.publiccodeYmlVersion,
        }
      : null,
    servedVersion: served ? { id: served.id, blobSha: served.blobSha, fetchedAt: served.fetchedAt } : null,
    servedBecause: explain(row.state, row.hasPendingInvalid, served !== undefined, served?.id === latest?.id),
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity === "warning"),
  };
}
