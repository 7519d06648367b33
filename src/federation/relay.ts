// How a catalogue republishes a record it received: unchanged and still signed by its origin, with its own id
// appended to the relay chain so downstream peers know the copy is second-hand and can detect loops.
import type { FederationRecord } from "../../schemas/federation/record.ts";

export function relayRecord(record: FederationRecord, selfCatalogueId: string): FederationRecord {
  const { provenance } = record;
  if (provenance.origin.catalogueId === selfCatalogueId || provenance.relayedBy.includes(selfCatalogueId)) {
    return record;
  }
  return { ...record, provenance: { ...provenance, relayedBy: [...provenance.relayedBy, selfCatalogueId] } };
}
