// The catalogue's signing keys. Each key is an Ed25519 JWK whose `kid` is its RFC 7638 thumbprint, so a kid names
// exactly one key everywhere it travels. Several public keys can be published at once (rotation: publish the new
// key, start signing with it, retire the old one once peers have re-read the descriptor).
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";
import {
  type Jwks,
  jwksSchema,
  type PublicJwk,
  publicJwkSchema,
} from "../../schemas/federation/descriptor.ts";

export const SIGNING_ALGORITHM = "EdDSA";

export interface PrivateSigningJwk extends PublicJwk {
  /** The private scalar: keep out of logs, responses and the change log. */
  d: string;
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export class KeyFormatError extends Error {
  override name = "KeyFormatError";
}

/** Generates a fresh Ed25519 key pair as JWKs (the private one is what gets stored, e.g. in config). */
export async function generateCatalogueKeyPair(): Promise<{
  privateJwk: PrivateSigningJwk;
  publicJwk: PublicJwk;
}> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: "Ed25519", extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! });
  const privateJwk: PrivateSigningJwk = {
    kty: "OKP",
    crv: "Ed25519",
    x: jwk.x!,
    d: jwk.d!,
    kid,
    alg: "EdDSA",
    use: "sig",
  };
  return { privateJwk, publicJwk: toPublicJwk(privateJwk) };
}

/** The public half of a private JWK: only the members a verifier needs, never `d`. */
export function toPublicJwk(jwk: PublicJwk): PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid, alg: "EdDSA", use: "sig" };
}

/** Imports a stored private JWK for signing; refuses anything that is not an Ed25519 private key with a kid. */
export async function importSigningKey(jwk: unknown): Promise<SigningKey> {
  const candidate = jwk as Partial<PrivateSigningJwk> | null;
  if (typeof candidate?.d !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(candidate.d)) {
    throw new KeyFormatError("signing key must be an Ed25519 private JWK (with a 32-byte `d`)");
  }
  const { d, ...publicPart } = candidate;
  const parsed = publicJwkSchema.safeParse(publicPart);
  if (!parsed.success)
    throw new KeyFormatError(`signing key is not a usable Ed25519 JWK: ${parsed.error.message}`);
  const key = await importJWK({ ...parsed.data, d } as JWK, SIGNING_ALGORITHM);
  if (key instanceof Uint8Array || key.type !== "private")
    throw new KeyFormatError("signing key is not private");
  return { kid: parsed.data.kid, key };
}

/** The JWK Set published in the catalogue descriptor; private members are dropped even if passed in. */
export function buildCatalogueJwks(keys: PublicJwk[]): Jwks {
  const unique = new Map(keys.map((k) => [k.kid, toPublicJwk(k)]));
  return jwksSchema.parse({ keys: [...unique.values()] });
}

/** Parses a peer's published key set, refusing anything but public Ed25519 keys with a kid. */
export function parseJwks(input: unknown): Jwks {
  const parsed = jwksSchema.safeParse(input);
  if (!parsed.success)
    throw new KeyFormatError(`not a valid catalogue key set: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
