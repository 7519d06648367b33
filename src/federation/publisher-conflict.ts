// What to do with a publisher record received from a peer (docs/federation.md §7, "Publishers"). The software
// rules apply wherever they make sense — signature, no loops, versions of one origin record, a foreign tombstone
// never removes, first-hand beats relayed — plus one of their own: a publisher registered in this catalogue is
// curated locally and never replaced by a peer's copy of the same body.
import type { FederationRecord } from "../../schemas/federation/record.ts";
import { type Decision, decideIncoming, tombstoneEffect } from "./conflict.ts";
import type { VerificationResult } from "./verify.ts";

/**
 * The local publisher an incoming record competes with:
 * - `origin`: a copy of the same origin record (live, or removed and remembered by its stored tombstone);
 * - `relayed`: a copy of another origin's publisher that matched (same alternativeId or a shared source);
 * - `curated`: a publisher registered in this catalogue that matched.
 * `record` is the record that copy was last written from; null when it is no longer known (compacted).
 */
export type PublisherCopy =
  | { kind: "origin" | "relayed"; record: FederationRecord | null }
  | { kind: "curated"; record?: undefined };

export interface DecidePublisherInput {
  local: PublisherCopy | null;
  incoming: FederationRecord;
  selfCatalogueId: string;
  verification: VerificationResult;
}

export type PublisherDecision = Decision | { action: "skip"; reason: "curated-locally" };

export function decidePublisherIncoming(input: DecidePublisherInput): PublisherDecision {
  const { local, incoming, selfCatalogueId, verification } = input;
  const common = { incoming, selfCatalogueId, verification, curatedFields: [] };
  // Rules 1–3 (signature, loops, no local copy) are exactly the software ones.
  const alone = decideIncoming({ ...common, local: null });
  const gated =
    alone.action === "reject" ||
    (alone.action === "skip" && (alone.reason === "own-record" || alone.reason === "relay-loop"));
  if (gated || local === null) return alone;
  if (local.kind === "curated") {
    return incoming.action === "delete"
      ? { action: "skip", reason: "foreign-tombstone" }
      : { action: "skip", reason: "curated-locally" };
  }
  if (local.record === null) {
    // The version we hold is no longer known: the origin's word goes; another origin's tombstone never removes.
    if (incoming.action === "upsert")
      return { action: "apply", reason: "newer-version", merged: incoming, effect: "upsert" };
    return local.kind === "origin"
      ? {
          action: "apply",
          reason: "newer-version",
          merged: incoming,
          effect: tombstoneEffect(incoming.tombstone.reason),
        }
      : { action: "skip", reason: "foreign-tombstone" };
  }
  // Publishers have no harvest source: between two origins' copies, first-hand wins, then the later updatedAt.
  return decideIncoming({ ...common, local: local.record });
}
