import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import {
  buildCatalogueJwks,
  generateCatalogueKeyPair,
  importSigningKey,
  KeyFormatError,
  parseJwks,
} from "../../../src/federation/keys.ts";

describe("catalogue keys", () => {
  it("generates an Ed25519 pair whose kid is the RFC 7638 thumbprint of the public key", async () => {
    const { privateJwk, publicJwk } = await generateCatalogueKeyPair();
    expect(publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(publicJwk).not.toHaveProperty("d");
    expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(publicJwk.kid).toBe(await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: publicJwk.x }));
    expect(privateJwk.kid).toBe(publicJwk.kid);
  });

  it("generates a different key each time", async () => {
    const [a, b] = await Promise.all([generateCatalogueKeyPair(), generateCatalogueKeyPair()]);
    expect(a.publicJwk.kid).not.toBe(b.publicJwk.kid);
  });

  it("imports a stored private JWK (after a JSON round trip) as a private signing key", async () => {
    const { privateJwk } = await generateCatalogueKeyPair();
    const key = await importSigningKey(JSON.parse(JSON.stringify(privateJwk)));
    expect(key.kid).toBe(privateJwk.kid);
  });

  it.each([
    { name: "a public-only JWK", mutate: (jwk: Record<string, unknown>) => delete jwk.d },
    { name: "a JWK without kid", mutate: (jwk: Record<string, unknown>) => delete jwk.kid },
    {
      name: "an EC key",
      mutate: (jwk: Record<string, unknown>) => Object.assign(jwk, { kty: "EC", crv: "P-256" }),
    },
  ])("refuses to import $name", async ({ mutate }) => {
    const { privateJwk } = await generateCatalogueKeyPair();
    const jwk = { ...privateJwk } as Record<string, unknown>;
    mutate(jwk);
    await expect(importSigningKey(jwk)).rejects.toThrow(KeyFormatError);
  });

  it("publishes a key set without private members even when handed private keys", async () => {
    const a = await generateCatalogueKeyPair();
    const b = await generateCatalogueKeyPair();
    const jwks = buildCatalogueJwks([a.privateJwk, b.publicJwk, a.publicJwk]);
    expect(jwks.keys.map((k) => k.kid)).toEqual([a.publicJwk.kid, b.publicJwk.kid]);
    expect(JSON.stringify(jwks)).not.toContain(a.privateJwk.d);
  });

  it("refuses a peer key set that leaks a private key or holds no key", async () => {
    const { privateJwk } = await generateCatalogueKeyPair();
    expect(() => parseJwks({ keys: [privateJwk] })).toThrow(KeyFormatError);
    expect(() => parseJwks({ keys: [] })).toThrow(KeyFormatError);
    expect(() => parseJwks("nope")).toThrow(KeyFormatError);
  });
});
