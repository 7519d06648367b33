// What to do with a record received from a peer, as a pure function of the local copy and the incoming record.
// The rules, in the order they apply (docs/federation.md#conflict-rules):
//   1. a record whose signature failed verification, or whose origin does not own its key, is rejected;
//   2. a record this catalogue originated, or whose relay chain already contains it, is skipped (no loops);
//   3. a new version of the same origin record replaces the older one (updatedAt decides, tombstones included);
//   4. between copies of one repository harvested by different catalogues, a first-hand copy beats a relayed one,
//      and between two first-hand (or two relayed) copies the newer source commit, then fetch time, wins;
//   5. a catalogue only withdraws its own records: a tombstone from another origin never removes our copy;
//   6. fields an admin curated locally are carried over into whatever gets applied.
import type { FederationRecord, TombstoneReason } from "../../schemas/federation/record.ts";
import { overlayCuratedFields } from "./curated-fields.ts";
import { compareSources, isFirstHand, isNewerVersion } from "./record-order.ts";
import type { VerificationResult } from "./verify.ts";

export interface DecideIncomingInput {
  /** The local copy in record form (for this catalogue's own harvests, the record it would publish), if any. */
  local: FederationRecord | null;
  incoming: FederationRecord;
  selfCatalogueId: string;
  /** Dotted paths inside `body` curated by a local admin, e.g. "publiccode.description.en.shortDescription". */
  curatedFields: readonly string[];
  /** What verifyRecord said about `incoming`. */
  verification: VerificationResult;
}

export type ApplyReason =
  | "new-record"
  | "newer-version"
  | "first-hand-beats-relayed"
  | "newer-source"
  | "newer-than-tombstone";
export type SkipReason =
  | "own-record"
  | "relay-loop"
  | "unknown-record"
  | "not-newer"
  | "relayed-loses-to-first-hand"
  | "older-source"
  | "foreign-tombstone"
  | "type-mismatch";
export type RejectReason = "invalid-signature" | "origin-key-mismatch";

/** How applying a record changes the local copy: replace it, delete it, or keep it flagged (archived). */
export type ApplyEffect = "upsert" | "remove" | "mark";

export type Decision =
  | { action: "apply"; reason: ApplyReason; merged: FederationRecord; effect: ApplyEffect }
  | { action: "skip"; reason: SkipReason }
  | { action: "reject"; reason: RejectReason; detail: string };

/** An archived repository still exists and is still reusable, so its copy is flagged; other reasons remove it. */
export function tombstoneEffect(reason: TombstoneReason): ApplyEffect {
  return reason === "archived" ? "mark" : "remove";
}

function apply(reason: ApplyReason, input: DecideIncomingInput): Decision {
  const { incoming, local, curatedFields } = input;
  if (incoming.action === "delete") {
    return { action: "apply", reason, merged: incoming, effect: tombstoneEffect(incoming.tombstone.reason) };
  }
  const merged = local?.action === "upsert" ? overlayCuratedFields(incoming, local, curatedFields) : incoming;
  return { action: "apply", reason, merged, effect: "upsert" };
}

export function decideIncoming(input: DecideIncomingInput): Decision {
  const { local, incoming, selfCatalogueId, verification } = input;
  if (!verification.ok) {
    const keyProblem = ["origin-mismatch", "unknown-key", "unknown-origin"].includes(verification.code);
    const reason = keyProblem ? "origin-key-mismatch" : "invalid-signature";
    return { action: "reject", reason, detail: verification.reason };
  }
  const origin = incoming.provenance.origin;
  if (origin.catalogueId === selfCatalogueId) return { action: "skip", reason: "own-record" };
  if (incoming.provenance.relayedBy.includes(selfCatalogueId))
    return { action: "skip", reason: "relay-loop" };
  if (local === null) {
    return incoming.action === "upsert"
      ? apply("new-record", input)
      : { action: "skip", reason: "unknown-record" };
  }
  if (local.type !== incoming.type) return { action: "skip", reason: "type-mismatch" };

  const localOrigin = local.provenance.origin;
  if (localOrigin.catalogueId === origin.catalogueId && localOrigin.recordId === origin.recordId) {
    return isNewerVersion(incoming, local)
      ? apply("newer-version", input)
      : { action: "skip", reason: "not-newer" };
  }
  // From here on the two copies were harvested by different catalogues.
  if (incoming.action === "delete") return { action: "skip", reason: "foreign-tombstone" };
  if (local.action === "delete") {
    const newer = compareSources(incoming, local) > 0;
    return newer ? apply("newer-than-tombstone", input) : { action: "skip", reason: "older-source" };
  }
  const incomingFirstHand = isFirstHand(incoming);
  if (incomingFirstHand !== isFirstHand(local)) {
    return incomingFirstHand
      ? apply("first-hand-beats-relayed", input)
      : { action: "skip", reason: "relayed-loses-to-first-hand" };
  }
  return compareSources(incoming, local) > 0
    ? apply("newer-source", input)
    : { action: "skip", reason: "older-source" };
}
