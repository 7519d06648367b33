import type { SoftwareState } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { type CommitResult, updateSoftwareRow } from "./commit.ts";
import { resumedState } from "./lifecycle.ts";
import { aliasesOf, requireSoftwareRow } from "./load.ts";
import { type SetSoftwareStateInput, setSoftwareStateInput } from "./schemas.ts";

/**
 * Sets a lifecycle state with its reason: the harvester's gone / file-removed / archived / left-publisher, an
 * admin's suspended. Asking for "active" (or "invalid-pending") resumes: active when a valid document is
 * being served, invalid-pending otherwise. "withdrawn" is deleteSoftware's. No change row when nothing changes.
 */
export async function setSoftwareState({
  ctx,
  input,
}: VerbArgs<SetSoftwareStateInput>): Promise<CommitResult> {
  const { id, state, reason } = setSoftwareStateInput.parse(input);
  return ctx.db.transaction((tx) => {
    const row = requireSoftwareRow(tx, id);
    const target: SoftwareState =
      state === "active" || state === "invalid-pending" ? resumedState(row.servedVersionId !== null) : state;
    const action = target === "withdrawn" ? "delete" : "update";
    return updateSoftwareRow(
      tx,
      ctx,
      row,
      { state: target, stateReason: reason ?? null },
      { reason: reason ?? null, beforeAliases: aliasesOf(tx, id), action },
    );
  });
}
