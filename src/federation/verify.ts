// Verifies a record against its origin's published keys, whichever catalogue relayed it. The keys are looked up
// by the origin the record claims, and the JWS header must name that same origin, so a relay (or anyone) can
// neither alter a record nor pass off its own signature as another catalogue's.
import { base64url, compactVerify, createLocalJWKSet, decodeProtectedHeader } from "jose";
import type { Jwks } from "../../schemas/federation/descriptor.ts";
import type { FederationRecord } from "../../schemas/federation/record.ts";
import { SIGNING_ALGORITHM } from "./keys.ts";
import { RECORD_JWS_TYPE, signedPayloadOf } from "./signed-payload.ts";

export type VerificationFailure =
  | "malformed-signature"
  | "origin-mismatch"
  | "unknown-origin"
  | "unknown-key"
  | "bad-signature";

export type VerificationResult =
  | { ok: true; kid: string }
  | { ok: false; code: VerificationFailure; reason: string };

export interface VerifyRecordDeps {
  /** The origin's current key set (from its descriptor, cached by the caller); null when the origin is unknown. */
  resolveOriginKeys(catalogueId: string): Promise<Jwks | null>;
}

// One local key set per published key set, so each key is imported once, not once per record verified.
const localKeySets = new WeakMap<Jwks, ReturnType<typeof createLocalJWKSet>>();
function localKeySetOf(jwks: Jwks): ReturnType<typeof createLocalJWKSet> {
  let set = localKeySets.get(jwks);
  if (set === undefined) {
    set = createLocalJWKSet(jwks);
    localKeySets.set(jwks, set);
  }
  return set;
}

function fail(code: VerificationFailure, reason: string): VerificationResult {
  return { ok: false, code, reason };
}

export async function verifyRecord(
  record: FederationRecord,
  deps: VerifyRecordDeps,
): Promise<VerificationResult> {
  const origin = record.provenance.origin.catalogueId;
  const [encodedHeader, , encodedSignature] = record.signature.split(".");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(record.signature);
  } catch {
    return fail("malformed-signature", "signature header is not valid base64url JSON");
  }
  if (header.alg !== SIGNING_ALGORITHM || header.typ !== RECORD_JWS_TYPE || typeof header.kid !== "string") {
    return fail("malformed-signature", `signature header must have alg ${SIGNING_ALGORITHM}, typ and kid`);
  }
  if (header.iss !== origin) {
    return fail("origin-mismatch", `signed by '${String(header.iss)}' but claims origin '${origin}'`);
  }
  const jwks = await deps.resolveOriginKeys(origin);
  if (jwks === null) return fail("unknown-origin", `no published keys for origin '${origin}'`);
  if (!jwks.keys.some((k) => k.kid === header.kid)) {
    return fail("unknown-key", `key '${header.kid}' is not among the keys of '${origin}'`);
  }
  const payload = base64url.encode(signedPayloadOf(record));
  try {
    await compactVerify(`${encodedHeader}.${payload}.${encodedSignature}`, localKeySetOf(jwks), {
      algorithms: [SIGNING_ALGORITHM],
    });
  } catch {
    return fail("bad-signature", "signature does not match the record content");
  }
  return { ok: true, kid: header.kid };
}
