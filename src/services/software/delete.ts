import type { VerbArgs } from "../context.ts";
import { updateSoftwareRow } from "./commit.ts";
import { aliasesOf, requireSoftwareRow } from "./load.ts";
import { type SoftwareIdInput, softwareIdInput } from "./schemas.ts";

/**
 * Deletes a software through the API: it becomes a "withdrawn" tombstone (kept, so lookups by URL still find
 * it and the harvester does not bring it back), leaves search, and the change log gets a "delete" row.
 */
export async function deleteSoftware({
  ctx,
  input,
}: VerbArgs<SoftwareIdInput & { reason?: string }>): Promise<void> {
  const { id } = softwareIdInput.parse(input);
  ctx.db.transaction((tx) => {
    const row = requireSoftwareRow(tx, id);
    if (row.state === "withdrawn") return;
    const reason = input.reason ?? "deleted through the API";
    updateSoftwareRow(
      tx,
      ctx,
      row,
      { state: "withdrawn", stateReason: reason },
      { reason, beforeAliases: aliasesOf(tx, id), action: "delete" },
    );
  });
}
