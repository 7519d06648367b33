// One publisher record of a peer's page, inside the page's transaction: find the local copy, decide by the
// publisher conflict rules (src/federation/publisher-conflict.ts), write what wins. Returns how it counted.
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { decidePublisherIncoming } from "../../federation/publisher-conflict.ts";
import type { VerificationResult } from "../../federation/verify.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { applyPeerPublisher } from "./apply-publisher.ts";
import type { Origin } from "./own-record.ts";
import { findLocalPublisher } from "./publisher-copy.ts";

export function applyPublisherRecord(
  tx: DbOrTx,
  ctx: ServiceContext,
  from: { peerId: string; self: Origin },
  record: FederationRecord,
  verification: VerificationResult,
): "applied" | "skipped" | "rejected" {
  const local = findLocalPublisher(tx, record, from.self);
  const decision = decidePublisherIncoming({
    local: local?.copy ?? null,
    incoming: record,
    selfCatalogueId: from.self.catalogueId,
    verification,
  });
  const about = { peer: from.peerId, origin: record.provenance.origin.catalogueId, id: record.id };
  if (decision.action === "reject") {
    ctx.logger.warn(
      { ...about, reason: decision.reason, detail: decision.detail },
      "peer publisher rejected",
    );
    return "rejected";
  }
  if (decision.action === "skip") {
    ctx.logger.debug({ ...about, reason: decision.reason }, "peer publisher skipped");
    return "skipped";
  }
  applyPeerPublisher(tx, ctx, record, decision.effect, local?.row ?? null);
  return "applied";
}
