// Applies one fetched page in ONE transaction together with the peer's new cursor: a crash before the commit
// replays the page, a crash after it never re-reads it, so nothing is lost and applying twice is harmless
// (the second time every record is "not-newer"). Signatures are checked before the transaction (they may need
// the network for an origin's keys); conflict rules run inside it against the current local copies.
import { eq, sql } from "drizzle-orm";
import type { FederationRecord, ParsedRecord } from "../../../schemas/federation/record.ts";
import { peer } from "../../db/schema/index.ts";
import { decideIncoming } from "../../federation/conflict.ts";
import { type VerificationResult, type VerifyRecordDeps, verifyRecord } from "../../federation/verify.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { withBatchedIndexWrites } from "../search/index-software.ts";
import { applyPeerRecord } from "./apply.ts";
import { findLocalCopy } from "./local-copy.ts";
import type { Origin } from "./own-record.ts";
import { applyPublisherRecord } from "./sync-publisher.ts";

export interface PageOutcome {
  applied: number;
  skipped: number;
  rejected: number;
}

/** A page whose signatures were checked: the well-formed records with their verification. */
export interface CheckedPage {
  records: { record: FederationRecord; verification: VerificationResult }[];
  /** Records that did not parse, with why (the sync logs and counts them as rejected). */
  malformed: { id: string | null; reason: string }[];
}

/**
 * Checks a page's signatures, outside any transaction (an origin's keys may need the network). All at once:
 * node:crypto verifies on libuv's thread pool, so a page's signatures are checked in parallel, and the sync
 * checks page n+1 there while the writer applies page n.
 */
export async function checkPage(records: ParsedRecord[], keys: VerifyRecordDeps): Promise<CheckedPage> {
  const wellFormed: FederationRecord[] = [];
  const malformed: CheckedPage["malformed"] = [];
  for (const parsed of records) {
    if (parsed.ok) wellFormed.push(parsed.record);
    else malformed.push({ id: parsed.id, reason: parsed.reason });
  }
  const checked = await Promise.all(
    wellFormed.map(async (record) => ({ record, verification: await verifyRecord(record, keys) })),
  );
  return { records: checked, malformed };
}

export interface ApplyPageInput {
  peerId: string;
  self: Origin;
  page: CheckedPage;
  /** The peer row's cursor and phase once this page is applied. */
  next: { cursor: string; phase: "snapshot" | "changes" };
}

export function applyPage(ctx: ServiceContext, input: ApplyPageInput): PageOutcome {
  const outcome: PageOutcome = { applied: 0, skipped: 0, rejected: input.page.malformed.length };
  for (const { id, reason } of input.page.malformed)
    ctx.logger.warn({ peer: input.peerId, id, reason }, "peer record rejected");
  ctx.db.transaction((tx) =>
    withBatchedIndexWrites(tx, () => applyChecked(tx, ctx, input, input.page.records, outcome)),
  );
  return outcome;
}

function applyChecked(
  tx: DbOrTx,
  ctx: ServiceContext,
  input: ApplyPageInput,
  checked: { record: FederationRecord; verification: VerificationResult }[],
  outcome: PageOutcome,
): void {
  for (const { record, verification } of checked) {
    if (record.type === "publisher") {
      outcome[applyPublisherRecord(tx, ctx, input, record, verification)] += 1;
      continue;
    }
    const local = findLocalCopy(tx, record, input.self);
    const decision = decideIncoming({
      local: local?.record ?? null,
      incoming: record,
      selfCatalogueId: input.self.catalogueId,
      // Curation is the row's `overrides`, re-applied over whatever document is stored (see apply.ts).
      curatedFields: [],
      verification,
    });
    if (decision.action === "reject") {
      outcome.rejected += 1;
      ctx.logger.warn(
        {
          peer: input.peerId,
          origin: record.provenance.origin.catalogueId,
          id: record.id,
          reason: decision.reason,
          detail: decision.detail,
        },
        "peer record rejected",
      );
    } else if (decision.action === "skip") {
      outcome.skipped += 1;
      ctx.logger.debug({ peer: input.peerId, id: record.id, reason: decision.reason }, "peer record skipped");
    } else {
      applyPeerRecord(tx, ctx, record, decision.effect, local?.row ?? null);
      outcome.applied += 1;
    }
  }
  tx.update(peer)
    .set({
      cursor: input.next.cursor,
      phase: input.next.phase,
      recordsImported: sql`${peer.recordsImported} + ${outcome.applied}`,
      recordsRejected: sql`${peer.recordsRejected} + ${outcome.rejected}`,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(peer.id, input.peerId))
    .run();
}
