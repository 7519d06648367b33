import { eq } from "drizzle-orm";
import { type SoftwareRow, software } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext, VerbArgs } from "../context.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { insertLog } from "../logs/append.ts";
import { moveSoftwareUrl } from "./aliases.ts";
import { type CommitResult, insertSoftware, updateSoftwareRow } from "./commit.ts";
import { reappearingStates, stateAfterVersion } from "./lifecycle.ts";
import { aliasesOf, findSoftwareRowByUrl, loadSoftware } from "./load.ts";
import { type RecordSoftwareVersionInput, recordSoftwareVersionInput } from "./schemas.ts";
import { validateBytes } from "./validate.ts";
import { insertVersion, latestVersion, servedColumns, sourceColumns } from "./versions.ts";

export interface RecordSoftwareVersionResult extends CommitResult {
  /** False when the blob sha was unchanged and nothing was written but the check time. */
  recorded: boolean;
}

const toBuffer = (raw: string | Uint8Array): Buffer =>
  typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw);

/**
 * The harvester's verb: one fetched publiccode.yml and what the forge said about it. Creates the software on
 * first sight, records the version with its validation results, and applies the lifecycle (lifecycle.ts): a
 * valid version becomes the served document; an invalid one never replaces a valid document. A blob sha equal
 * to the latest recorded one is a no-op (no version, no change row), unless the repository had gone away.
 */
export async function recordSoftwareVersion({
  ctx,
  input,
}: VerbArgs<RecordSoftwareVersionInput>): Promise<RecordSoftwareVersionResult> {
  const data = recordSoftwareVersionInput.parse(input);
  // Validate before taking the write lock: parsing is pure CPU.
  const validation = data.validation ?? validateBytes(toBuffer(data.raw));
  return ctx.db.transaction((tx) => recordSoftwareVersionInTx(tx, ctx, { ...data, validation }));
}

/** recordSoftwareVersion inside the caller's transaction (the harvester writes a repository in the same one). */
export function recordSoftwareVersionInTx(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: RecordSoftwareVersionInput,
): RecordSoftwareVersionResult {
  const data = recordSoftwareVersionInput.parse(input);
  const url = canonicalInputUrl(data.url);
  const raw = toBuffer(data.raw);
  const outcome = data.validation ?? validateBytes(raw);
  const now = ctx.clock.now();
  const fetchedAt = data.fetchedAt ?? now;
  let row: SoftwareRow | undefined = findSoftwareRowByUrl(tx, url);
  // A repository we know under another URL was renamed or transferred: same software, new URL.
  let renamed = false;
  if (!row && data.repositoryId) {
    row = tx.select().from(software).where(eq(software.repositoryId, data.repositoryId)).get();
    renamed = row !== undefined;
  }
  const unchanged =
    row &&
    data.blobSha &&
    !reappearingStates.has(row.state) &&
    latestVersion(tx, row.id)?.blobSha === data.blobSha;
  if (row && unchanged) {
    tx.update(software).set({ checkedAt: now }).where(eq(software.id, row.id)).run();
    return { software: loadSoftware(tx, row.id), action: "none", recorded: false };
  }

  const current = row ? { state: row.state, serving: row.servedVersionId !== null } : null;
  const decision = stateAfterVersion(current, outcome.valid);
  const versionId = ctx.newId();
  const served =
    decision.serve && outcome.document
      ? servedColumns(outcome.document, row?.overrides ?? null, {
          versionId,
          raw,
          version: outcome.version,
          fetchedAt,
          blobSha: data.blobSha,
        })
      : {};
  const values = {
    ...sourceColumns(data.source ?? undefined),
    ...(data.repositoryId !== undefined ? { repositoryId: data.repositoryId } : {}),
    ...(data.publisherId !== undefined ? { publisherId: data.publisherId } : {}),
    ...served,
    state: decision.state,
    hasPendingInvalid: decision.hasPendingInvalid,
    checkedAt: now,
  };
  const facts = { raw, blobSha: data.blobSha, outcome, fetchedAt, forgeStatus: data.forgeStatus ?? null };
  const errors = outcome.results.filter((r) => r.severity === "error").length;
  const note = outcome.valid
    ? `fetched ${data.blobSha ?? "a new version"}: valid`
    : `fetched ${data.blobSha ?? "a new version"}: invalid (${errors} error${errors === 1 ? "" : "s"}), not served`;
  if (!row) {
    const reason = decision.serve ? "first harvest" : "first harvest: invalid, nothing served";
    const result = insertSoftware(tx, ctx, { id: ctx.newId(), url, ...values }, reason);
    insertVersion(tx, versionId, result.software.id, facts);
    insertLog(tx, ctx, { softwareId: result.software.id, message: note });
    return { ...result, recorded: true };
  }
  const beforeAliases = aliasesOf(tx, row.id);
  // Found through an alias: the URL stays; found through its repository under a new URL: it moves.
  if (renamed) moveSoftwareUrl(tx, ctx, row.id, row.url, url);
  insertVersion(tx, versionId, row.id, facts);
  insertLog(tx, ctx, { softwareId: row.id, message: note });
  const stateReason = decision.state === row.state ? row.stateReason : null;
  const reason = decision.serve ? "new valid version" : "new invalid version, not served";
  const result = updateSoftwareRow(
    tx,
    ctx,
    row,
    { ...values, url: renamed ? url : row.url, stateReason },
    { reason, beforeAliases },
  );
  return { ...result, recorded: true };
}
