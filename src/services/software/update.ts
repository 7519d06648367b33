import { eq } from "drizzle-orm";
import { type SoftwareRow, softwareVersion } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext, VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { applyMergePatch } from "../lib/merge-patch.ts";
import { findPublisherRow } from "../publishers/load.ts";
import { moveSoftwareUrl, replaceAliases } from "./aliases.ts";
import { updateSoftwareRow } from "./commit.ts";
import { rejectInvalid } from "./create.ts";
import { resumedState } from "./lifecycle.ts";
import { aliasesOf, requireSoftwareRow, type Software } from "./load.ts";
import { type SoftwarePatch, type UpdateSoftwareInput, updateSoftwareInput } from "./schemas.ts";
import { validateBytes } from "./validate.ts";
import { insertVersion, servedColumns } from "./versions.ts";

/**
 * Merge-patches the curated side of a software (RFC 7396 semantics): url (the old one becomes an alias),
 * aliases, publisher, a new publiccode.yml (must validate), active (suspend / resume) and the admin overrides
 * merged over the served document. One "update" change, none when nothing changes.
 */
export async function updateSoftware({ ctx, input }: VerbArgs<UpdateSoftwareInput>): Promise<Software> {
  const { id, patch } = updateSoftwareInput.parse(input);
  return ctx.db.transaction((tx) => patchSoftware(tx, ctx, id, patch));
}

export interface PatchSoftwareOptions {
  /** Replace the overrides with patch.overrides instead of merge-patching them (JSON Patch needs "set"). */
  replaceOverrides?: boolean;
}

/** updateSoftware inside the caller's transaction. */
export function patchSoftware(
  tx: DbOrTx,
  ctx: ServiceContext,
  id: string,
  patch: SoftwarePatch,
  options: PatchSoftwareOptions = {},
): Software {
  const raw =
    patch.publiccodeYml === undefined
      ? null
      : typeof patch.publiccodeYml === "string"
        ? Buffer.from(patch.publiccodeYml, "utf8")
        : Buffer.from(patch.publiccodeYml);
  const outcome = raw ? validateBytes(raw) : null;
  if (outcome && (!outcome.valid || !outcome.document)) rejectInvalid(outcome);
  const row = requireSoftwareRow(tx, id);
  const beforeAliases = aliasesOf(tx, row.id);
  const now = ctx.clock.now();
  const values: Partial<SoftwareRow> = {};
  if (patch.url !== undefined) {
    const url = canonicalInputUrl(patch.url);
    moveSoftwareUrl(tx, ctx, row.id, row.url, url);
    values.url = url;
  }
  if (patch.aliases) {
    const own = values.url ?? row.url;
    replaceAliases(
      tx,
      ctx,
      row.id,
      patch.aliases.filter((a) => canonicalInputUrl(a, "aliases") !== own),
    );
  }
  if (patch.publisherId !== undefined) {
    const owner = patch.publisherId === null ? null : findPublisherRow(tx, patch.publisherId);
    if (patch.publisherId !== null && !owner) throw new NotFoundError("publisher", patch.publisherId);
    values.publisherId = owner?.id ?? null;
  }
  const overrides =
    patch.overrides === undefined
      ? row.overrides
      : mergeOverrides(options.replaceOverrides ? null : row.overrides, patch.overrides);
  values.overrides = overrides;
  let serving = row.servedVersionId !== null;
  if (raw && outcome?.document) {
    const versionId = ctx.newId();
    insertVersion(tx, versionId, row.id, { raw, blobSha: null, outcome, fetchedAt: now, forgeStatus: null });
    const served = { versionId, raw, version: outcome.version, fetchedAt: now, blobSha: null };
    Object.assign(values, servedColumns(outcome.document, overrides, served), { hasPendingInvalid: false });
    serving = true;
    if (row.state === "invalid-pending") values.state = "active";
  } else if (patch.overrides !== undefined && row.servedVersionId) {
    const base = tx
      .select({ document: softwareVersion.document })
      .from(softwareVersion)
      .where(eq(softwareVersion.id, row.servedVersionId))
      .get();
    if (base?.document) {
      const served = {
        versionId: row.servedVersionId,
        raw: row.raw!,
        version: row.publiccodeYmlVersion,
        fetchedAt: row.fetchedAt!,
        blobSha: row.sourceBlobSha,
      };
      Object.assign(values, servedColumns(base.document, overrides, served));
    }
  }
  if (patch.active === false && row.state !== "suspended") {
    Object.assign(values, { state: "suspended", stateReason: patch.reason ?? "suspended by an admin" });
  }
  if (patch.active === true && (row.state === "suspended" || row.state === "withdrawn")) {
    Object.assign(values, { state: resumedState(serving), stateReason: patch.reason ?? null });
  }
  return updateSoftwareRow(tx, ctx, row, values, { reason: patch.reason ?? null, beforeAliases }).software;
}

function mergeOverrides(
  current: Record<string, unknown> | null,
  patch: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (patch === null) return null;
  const merged = applyMergePatch(current ?? {}, patch) as Record<string, unknown>;
  return Object.keys(merged).length > 0 ? merged : null;
}
