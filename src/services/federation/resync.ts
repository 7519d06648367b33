// Resync after a 410: the peer compacted past our cursor, so deletions we never saw may be gone from its feed
// for good. The protocol's answer is to read its snapshot again; but a snapshot lists only live records, so a
// copy whose deletion we missed would stay here forever. So a resync reads the snapshot from its start and
// the changes after it in one run, notes every record key the peer listed, and at the end withdraws what we
// hold *from this peer* (first-hand from it, or last relayed by it) that it no longer lists.
//
// The withdrawal is ours, not the origin's (nobody but the origin can sign its tombstone): the copy is kept in
// the `withdrawn` state, and our feed publishes a tombstone of our own for it, which peers ignore. A later
// version from its origin brings it back, as for any tombstone.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { peer, publisher, software } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { withBatchedIndexWrites } from "../search/index-software.ts";
import { updateSoftwareRow } from "../software/commit.ts";
import { aliasesOf } from "../software/load.ts";
import { unlinkSoftwareFromPublisher } from "./publisher-link.ts";
import type { CheckedPage } from "./sync-page.ts";

export interface ResyncSweep {
  withdrawnSoftware: number;
  removedPublishers: number;
}

const key = (type: string, origin: string, id: string) => `${type}\u0000${origin}\u0000${id}`;

/** The peer our copy last came from: its origin when received first-hand, else the last relay. */
function receivedFrom(row: {
  originCatalogueId: string | null;
  relayChain: unknown[] | null;
}): string | null {
  const chain = row.relayChain ?? [];
  return chain.length > 0 ? String(chain.at(-1)) : row.originCatalogueId;
}

export class Resync {
  readonly #listed = new Set<string>();
  #complete = true;

  constructor(readonly peerId: string) {}

  /** Notes the records of one page (snapshot or changes) as listed by the peer. */
  note(page: CheckedPage): void {
    // A record we could not read may be one we hold: sweeping now could withdraw a live copy.
    if (page.malformed.length > 0) this.#complete = false;
    for (const { record } of page.records) {
      this.#listed.add(key(record.type, record.provenance.origin.catalogueId, record.id));
    }
  }

  /** Withdraws what the peer no longer lists and clears the peer's resync flag, in one transaction. */
  sweep(ctx: ServiceContext, selfCatalogueId: string): ResyncSweep {
    const result = { withdrawnSoftware: 0, removedPublishers: 0 };
    ctx.db.transaction((tx) => {
      if (this.#complete) {
        withBatchedIndexWrites(tx, () => {
          result.withdrawnSoftware = this.#withdrawSoftware(tx, ctx, selfCatalogueId);
          result.removedPublishers = this.#removePublishers(tx, ctx, selfCatalogueId);
        });
      } else {
        ctx.logger.warn(
          { peer: this.peerId },
          "resync: unreadable records in the snapshot, nothing withdrawn",
        );
      }
      tx.update(peer).set({ resyncPending: false }).where(eq(peer.id, this.peerId)).run();
    });
    if (result.withdrawnSoftware + result.removedPublishers > 0) {
      ctx.logger.info({ peer: this.peerId, ...result }, "resync: withdrew copies the peer no longer lists");
    }
    return result;
  }

  #unlisted<T extends { originCatalogueId: string | null; relayChain: unknown[] | null }>(
    rows: T[],
    selfCatalogueId: string,
    type: string,
    idOf: (row: T) => string | null,
  ): T[] {
    return rows.filter((row) => {
      const origin = row.originCatalogueId;
      const id = idOf(row);
      if (origin === null || origin === selfCatalogueId || id === null) return false;
      return receivedFrom(row) === this.peerId && !this.#listed.has(key(type, origin, id));
    });
  }

  #withdrawSoftware(tx: DbOrTx, ctx: ServiceContext, selfCatalogueId: string): number {
    // Live copies only: a tombstoned copy (archived included, which snapshots leave out) is already settled.
    const rows = tx
      .select()
      .from(software)
      .where(
        and(
          isNotNull(software.originCatalogueId),
          inArray(software.state, ["active", "invalid-pending", "suspended"]),
        ),
      )
      .all();
    const unlisted = this.#unlisted(rows, selfCatalogueId, "software", (row) => row.originSoftwareId);
    const reason = `no longer listed by ${this.peerId}`;
    for (const row of unlisted) {
      updateSoftwareRow(
        tx,
        ctx,
        row,
        { state: "withdrawn", stateReason: reason },
        { reason, beforeAliases: aliasesOf(tx, row.id), action: "delete" },
      );
    }
    return unlisted.length;
  }

  #removePublishers(tx: DbOrTx, ctx: ServiceContext, selfCatalogueId: string): number {
    const rows = tx.select().from(publisher).where(isNotNull(publisher.originCatalogueId)).all();
    const unlisted = this.#unlisted(rows, selfCatalogueId, "publisher", (row) => row.originPublisherId);
    const reason = `no longer listed by ${this.peerId}`;
    for (const row of unlisted) {
      unlinkSoftwareFromPublisher(tx, ctx, row.id, reason);
      tx.delete(publisher).where(eq(publisher.id, row.id)).run();
      // No origin in the snapshot: the entry publishes our own tombstone, never the origin's stored upsert.
      appendChange(tx, ctx, {
        entityType: "publisher",
        entityId: row.id,
        action: "delete",
        reason,
        snapshot: { id: row.id, deleted: true, deletedAt: ctx.clock.now().toISOString() },
      });
    }
    return unlisted.length;
  }
}
