// Software copies and publisher copies arrive in any order (a snapshot lists publishers first, a changes feed
// in the origin's order, a relay in its own). A software record names its origin's publisher (body.publisherId,
// kept as software.origin_publisher_id), so the link is made by whichever of the two arrives second.
import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { type SoftwareRow, software } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { updateSoftwareRow } from "../software/commit.ts";
import { aliasesOf } from "../software/load.ts";
import { publisherByOrigin } from "./publisher-copy.ts";

/**
 * The publisher columns of a software copy written from `incoming`: the origin's publisher id, and the link
 * to our copy of that publisher when we hold it. Without one the current link is kept (an admin's, or the one
 * a later publisher copy will replace).
 */
export function publisherLinkOf(
  tx: DbOrTx,
  incoming: FederationRecord,
): Pick<Partial<SoftwareRow>, "originPublisherId" | "publisherId"> {
  if (incoming.type !== "software" || incoming.action !== "upsert") return {};
  const named = incoming.body.publisherId;
  if (named === undefined) return { originPublisherId: null };
  const copy = publisherByOrigin(tx, incoming.provenance.origin.catalogueId, named);
  return copy ? { originPublisherId: named, publisherId: copy.id } : { originPublisherId: named };
}

/** Links to `publisherId` the copies of `catalogueId`'s software that name its publisher `recordId`. */
export function linkSoftwareToPublisher(
  tx: DbOrTx,
  ctx: ServiceContext,
  origin: { catalogueId: string; recordId: string },
  publisherId: string,
): number {
  const rows = tx
    .select()
    .from(software)
    .where(
      and(
        eq(software.originCatalogueId, origin.catalogueId),
        eq(software.originPublisherId, origin.recordId),
        or(isNull(software.publisherId), ne(software.publisherId, publisherId)),
      ),
    )
    .all();
  for (const row of rows) {
    updateSoftwareRow(
      tx,
      ctx,
      row,
      { publisherId },
      { reason: `linked to publisher ${publisherId}`, beforeAliases: aliasesOf(tx, row.id) },
    );
  }
  return rows.length;
}

/** Unlinks a publisher's software through the commit path (search facets included) before the row goes. */
export function unlinkSoftwareFromPublisher(
  tx: DbOrTx,
  ctx: ServiceContext,
  publisherId: string,
  reason: string,
) {
  const rows = tx.select().from(software).where(eq(software.publisherId, publisherId)).all();
  for (const row of rows) {
    updateSoftwareRow(tx, ctx, row, { publisherId: null }, { reason, beforeAliases: aliasesOf(tx, row.id) });
  }
}
