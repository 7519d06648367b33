// Signs records as their origin catalogue: a compact JWS over the canonical payload, with the payload detached
// (RFC 7515 Appendix F) since the record itself carries it.
import { CompactSign } from "jose";
import type { FederationRecord, UnsignedFederationRecord } from "../../schemas/federation/record.ts";
import { SIGNING_ALGORITHM, type SigningKey } from "./keys.ts";
import { RECORD_JWS_TYPE, signedPayloadOf } from "./signed-payload.ts";

export interface SignRecordInput {
  record: UnsignedFederationRecord;
  key: SigningKey;
  /** This catalogue's id: it may sign only records whose origin it is. */
  catalogueId: string;
}

export class SigningError extends Error {
  override name = "SigningError";
}

export async function signRecord({ record, key, catalogueId }: SignRecordInput): Promise<FederationRecord> {
  if (record.provenance.origin.catalogueId !== catalogueId) {
    throw new SigningError(
      `cannot sign a record of ${record.provenance.origin.catalogueId} as ${catalogueId}`,
    );
  }
  if (record.provenance.relayedBy.length > 0) {
    throw new SigningError("an origin signs its records before any relay");
  }
  const jws = await new CompactSign(signedPayloadOf(record))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: RECORD_JWS_TYPE, iss: catalogueId })
    .sign(key.key);
  const [header, , signature] = jws.split(".");
  return { ...record, signature: `${header}..${signature}` } as FederationRecord;
}
