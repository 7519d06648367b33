// Orderings between two copies of a record, used by the conflict rules. Timestamps are RFC 3339 strings with
// offsets, so they are compared as instants (Date.parse), never as text.
import type { FederationRecord } from "../../schemas/federation/record.ts";

function instant(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function compareInstants(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0;
  return Math.sign(a - b);
}

/** A copy is first-hand when it comes straight from the catalogue that harvested it (no relay in between). */
export function isFirstHand(record: FederationRecord): boolean {
  return record.provenance.relayedBy.length === 0;
}

/** Whether `a` is a later version than `b` of the same origin record (its origin's updatedAt). */
export function isNewerVersion(a: FederationRecord, b: FederationRecord): boolean {
  return compareInstants(instant(a.updatedAt), instant(b.updatedAt)) > 0;
}

/** When the harvest a copy describes happened: a tombstone counts from the moment of its withdrawal. */
function sourceInstants(record: FederationRecord): { committed: number | null; fetched: number | null } {
  if (record.action === "delete") {
    const at = instant(record.tombstone.at);
    return { committed: at, fetched: at };
  }
  const source = record.provenance.source;
  if (source === null) return { committed: instant(record.updatedAt), fetched: instant(record.updatedAt) };
  return { committed: instant(source.committedAt), fetched: instant(source.fetchedAt) };
}

/**
 * Orders two harvests of one repository: the newer source commit wins; when either commit time is unknown or
 * both are equal, the later fetch wins. Positive when `a` is newer, negative when older, 0 when tied.
 */
export function compareSources(a: FederationRecord, b: FederationRecord): number {
  const sa = sourceInstants(a);
  const sb = sourceInstants(b);
  return compareInstants(sa.committed, sb.committed) || compareInstants(sa.fetched, sb.fetched);
}
