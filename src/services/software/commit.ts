// The one way software rows are written: insert or update, re-index for search, append the change row, all in
// the caller's transaction. An update that changes nothing visible writes no change row.
import type { ChangeAction, SoftwareRow, software } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { indexSoftware, reindexSoftware } from "../search/index-software.ts";
import { insertAliasRow } from "./aliases.ts";
import { aliasesOf, type Software, toSoftware } from "./load.ts";
import { insertSoftwareStatement, updateSoftwareStatement } from "./statements.ts";

export type NewSoftwareValues = Omit<typeof software.$inferInsert, "rowId" | "createdAt" | "updatedAt">;

export interface CommitOptions {
  /**
   * A copy synced from a peer: the record as received is kept next to the change row (federation_record, same
   * seq) and carries the document, so the snapshot only names the copy and its origin instead of storing the
   * document a second time (about 3 KB less per synced record).
   */
  relayed?: boolean;
}

/** The change snapshot of a relayed copy: what the feed and compaction need to find its stored record. */
function relayedSnapshot(s: Software): object {
  return {
    id: s.id,
    url: s.url,
    aliases: s.aliases,
    state: s.state,
    publisherId: s.publisherId,
    originCatalogueId: s.originCatalogueId,
    originSoftwareId: s.originSoftwareId,
    relayChain: s.relayChain,
    updatedAt: s.updatedAt,
  };
}

export interface CommitResult {
  software: Software;
  action: ChangeAction | "none";
  /** The change-log row written; absent when nothing visible changed. */
  seq?: number;
}

export function insertSoftware(
  tx: DbOrTx,
  ctx: ServiceContext,
  values: NewSoftwareValues,
  reason: string | null,
  aliases: string[] = [],
  options: CommitOptions = {},
): CommitResult {
  const now = ctx.clock.now();
  const row = insertSoftwareStatement(tx, { ...values, createdAt: now, updatedAt: now });
  for (const url of aliases) insertAliasRow(tx, ctx, row.id, url);
  indexSoftware(tx, row, { fresh: true });
  // A new row has only the aliases just inserted (canonicalised, own URL dropped): read back only if any.
  const created = toSoftware(row, aliases.length === 0 ? [] : aliasesOf(tx, row.id));
  const seq = appendChange(tx, ctx, {
    entityType: "software",
    entityId: row.id,
    action: "create",
    reason,
    snapshot: options.relayed ? relayedSnapshot(created) : created,
  });
  return { software: created, action: "create", seq };
}

/**
 * Applies `values` to an existing row. `aliasesChanged` tells that the caller rewrote the aliases (they are not
 * columns). `action` "delete" is for withdrawals: the snapshot is then the tombstone.
 */
export function updateSoftwareRow(
  tx: DbOrTx,
  ctx: ServiceContext,
  before: SoftwareRow,
  values: Partial<SoftwareRow>,
  options: CommitOptions & { reason?: string | null; beforeAliases: string[]; action?: "update" | "delete" },
): CommitResult {
  const now = ctx.clock.now();
  const { rowId: _r, id: _i, createdAt: _c, ...settable } = values;
  const merged = { ...before, ...settable } as SoftwareRow;
  const afterAliases = aliasesOf(tx, before.id);
  // Compared as the snapshot's JSON text: stringify gives the same text as stringifying the parsed snapshot
  // (JSON.parse keeps key order, Dates are already strings), so the parse/stringify round trip is skipped.
  const unchanged = toSoftware(before, options.beforeAliases);
  if (
    options.action !== "delete" &&
    JSON.stringify(toSoftware(merged, afterAliases)) === JSON.stringify(unchanged)
  ) {
    // Nothing visible changed; keep non-snapshot bookkeeping (checkedAt) only.
    if (settable.checkedAt) updateSoftwareStatement(tx, before, { checkedAt: settable.checkedAt });
    return { software: unchanged, action: "none" };
  }
  const row = updateSoftwareStatement(tx, before, { ...settable, updatedAt: now });
  reindexSoftware(tx, before, row);
  const after = toSoftware(row, afterAliases);
  const action = options.action ?? "update";
  const snapshot =
    action === "delete"
      ? {
          id: row.id,
          url: row.url,
          aliases: afterAliases,
          state: row.state,
          deleted: true,
          deletedAt: now.toISOString(),
        }
      : options.relayed
        ? relayedSnapshot(after)
        : after;
  const seq = appendChange(tx, ctx, {
    entityType: "software",
    entityId: row.id,
    action,
    reason: options.reason ?? null,
    snapshot,
  });
  return { software: after, action, seq };
}
