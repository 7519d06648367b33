// GET /federation/v1/changes and /snapshot (docs/federation.md §3, §4). A changes page is the change-log
// entries after the cursor's seq, up to `limit`; a snapshot is fixed at the log head S by its first page and
// lists, in (type, id) order, the latest entry of every live record whose latest entry is ≤ S, so reading the
// snapshot and then the changes after S sees every record exactly once. A changes cursor behind the compaction
// horizon is answered 410 (cursor-expired).
import { asc, gt, inArray, max, sql } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { type ChangeRow, change } from "../../db/schema/index.ts";
import { decodeCursor, encodeCursor } from "../../federation/cursor.ts";
import type { ServiceContext } from "../context.ts";
import { GoneError, InvalidInputError } from "../errors.ts";
import { compactionHorizon } from "./compact.ts";
import { emitRecords } from "./emit.ts";
import type { FederationSettings } from "./settings.ts";

export const FEED_LIMIT_DEFAULT = 100;
export const FEED_LIMIT_MAX = 500;

export interface FeedPageInput {
  cursor?: string | undefined;
  limit?: string | number | undefined;
}

export interface FeedPageResult {
  records: FederationRecord[];
  hasMore: boolean;
  nextCursor: string;
  changesCursor?: string;
}

/** `limit`: default 100, capped at 500; anything not an integer ≥ 1 is a 400. */
export function parseFeedLimit(raw: string | number | undefined): number {
  if (raw === undefined || raw === "") return FEED_LIMIT_DEFAULT;
  const value = typeof raw === "number" ? raw : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError("limit must be an integer ≥ 1", [{ field: "limit", message: "invalid" }]);
  }
  return Math.min(value, FEED_LIMIT_MAX);
}

export async function readChangesPage(
  ctx: ServiceContext,
  settings: FederationSettings,
  input: FeedPageInput,
): Promise<FeedPageResult> {
  const limit = parseFeedLimit(input.limit);
  const cursor = input.cursor
    ? decodeCursor(input.cursor, "changes")
    : { kind: "changes" as const, afterSeq: 0 };
  const afterSeq = cursor.kind === "changes" ? cursor.afterSeq : 0;
  // Entries up to the horizon may be gone (compact.ts): a cursor before it may have missed a deletion. Reading
  // from the very start (no cursor) misses nothing that matters to a peer holding nothing yet.
  const horizon = compactionHorizon(ctx.db);
  if (input.cursor && afterSeq < horizon) {
    throw new GoneError(
      `cursor ${afterSeq} is before the compaction horizon ${horizon}: restart from the snapshot`,
      "cursor-expired",
    );
  }
  // One row more than asked tells whether more exist.
  const rows = ctx.db
    .select()
    .from(change)
    .where(gt(change.seq, afterSeq))
    .orderBy(asc(change.seq))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const lastSeq = page.at(-1)?.seq ?? afterSeq;
  return {
    records: await emitRecords(ctx, settings, page),
    hasMore: rows.length > limit,
    nextCursor: encodeCursor({ kind: "changes", afterSeq: lastSeq }),
  };
}

function headSeq(ctx: ServiceContext): number {
  return (
    ctx.db
      .select({ seq: max(change.seq) })
      .from(change)
      .get()?.seq ?? 0
  );
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(":");
  return [key.slice(0, at), key.slice(at + 1)];
}

export async function readSnapshotPage(
  ctx: ServiceContext,
  settings: FederationSettings,
  input: FeedPageInput,
): Promise<FeedPageResult> {
  const limit = parseFeedLimit(input.limit);
  const cursor = input.cursor ? decodeCursor(input.cursor, "snapshot") : null;
  // Never below the horizon, or its changesCursor would be expired from the start (the head itself may have
  // been a compacted tombstone); entries up to the horizon that are gone were not live anyway.
  const asOf =
    cursor?.kind === "snapshot" ? cursor.asOfSeq : Math.max(headSeq(ctx), compactionHorizon(ctx.db));
  const afterKey = cursor?.kind === "snapshot" ? cursor.afterKey : null;
  const [afterType, afterId] = afterKey === null ? ["", ""] : splitKey(afterKey);
  const latest = max(change.seq);
  const keys = ctx.db
    .select({ entityType: change.entityType, entityId: change.entityId, seq: latest })
    .from(change)
    // A row-value comparison, so SQLite seeks change_entity_idx instead of scanning it for every page.
    .where(sql`(${change.entityType}, ${change.entityId}) > (${afterType}, ${afterId})`)
    .groupBy(change.entityType, change.entityId)
    // An entity changed after S is left out: the changes feed after S carries it.
    .having(sql`${latest} <= ${asOf}`)
    .orderBy(asc(change.entityType), asc(change.entityId))
    .limit(limit + 1)
    .all();
  const page = keys.slice(0, limit);
  const seqs = page.map((k) => k.seq as number);
  const rows: ChangeRow[] =
    seqs.length === 0
      ? []
      : ctx.db
          .select()
          .from(change)
          .where(inArray(change.seq, seqs))
          .orderBy(asc(change.entityType), asc(change.entityId))
          .all();
  const records = (await emitRecords(ctx, settings, rows)).filter((r) => r.action === "upsert");
  const last = page.at(-1);
  return {
    records,
    hasMore: keys.length > limit,
    nextCursor: encodeCursor({
      kind: "snapshot",
      asOfSeq: asOf,
      afterKey: last ? `${last.entityType}:${last.entityId}` : afterKey,
    }),
    changesCursor: encodeCursor({ kind: "changes", afterSeq: asOf }),
  };
}
