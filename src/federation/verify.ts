// Verifies a record against its origin's published keys, whichever catalogue relayed it. The keys are looked up
// by the origin the record claims, and the JWS header must name that same origin, so a relay (or anyone) can
// neither alter a record nor pass off its own signature as another catalogue's. The Ed25519 check itself runs
// through node:crypto with a callback, i.e. on libuv's thread pool, so a page's records verify in parallel
// with whatever this thread is doing (cheaper per record than jose's compactVerify, and off this thread).
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import type { Jwks, PublicJwk } from "../../schemas/federation/descriptor.ts";
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

// Each published key imported once per key set, not once per record verified.
const importedKeys = new WeakMap<Jwks, Map<string, KeyObject>>();
function publicKeyOf(jwks: Jwks, jwk: PublicJwk): KeyObject {
  let keys = importedKeys.get(jwks);
  if (keys === undefined) {
    keys = new Map();
    importedKeys.set(jwks, keys);
  }
  let key = keys.get(jwk.kid);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    keys.set(jwk.kid, key);
  }
  return key;
}

// An Ed25519 signature is 64 bytes: 86 base64url characters, no padding.
const ED25519_SIGNATURE = /^[A-Za-z0-9_-]{85}[AQgw]$/;

function verifyEd25519(data: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    verify(null, data, key, signature, (error, ok) => resolve(error === null && ok));
  });
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
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (jwk === undefined) {
    return fail("unknown-key", `key '${header.kid}' is not among the keys of '${origin}'`);
  }
  if (encodedSignature === undefined || !ED25519_SIGNATURE.test(encodedSignature)) {
    return fail("malformed-signature", "signature is not 64 base64url-encoded bytes");
  }
  const payload = Buffer.from(signedPayloadOf(record)).toString("base64url");
  const signingInput = Buffer.from(`${encodedHeader}.${payload}`);
  const ok = await verifyEd25519(
    signingInput,
    publicKeyOf(jwks, jwk),
    Buffer.from(encodedSignature, "base64url"),
  );
  if (!ok) return fail("bad-signature", "signature does not match the record content");
  return { ok: true, kid: header.kid };
}
