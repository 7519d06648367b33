// What a record signature covers: the record without `provenance.relayedBy` (relays append to it) and without
// the signature itself, canonicalised with RFC 8785. Signer and verifier both call this, so they cannot drift.
import type { FederationRecord, UnsignedFederationRecord } from "../../schemas/federation/record.ts";
import { canonicalJsonBytes } from "./canonical-json.ts";

/** Media type placed in the JWS `typ` header, so a record signature is never confused with another JWS. */
export const RECORD_JWS_TYPE = "publiccode-catalogue-record+jws";

export function signedPayloadOf(record: FederationRecord | UnsignedFederationRecord): Uint8Array {
  const { signature: _signature, ...rest } = record as FederationRecord;
  const { relayedBy: _relayedBy, ...provenance } = rest.provenance;
  return canonicalJsonBytes({ ...rest, provenance });
}
