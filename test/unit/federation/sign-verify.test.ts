// biome-ignore-all lint/suspicious/noExplicitAny: these tests reach into records to break them on purpose.
import { CompactSign, compactVerify, createLocalJWKSet } from "jose";
import { describe, expect, it } from "vitest";
import type { Jwks } from "../../../schemas/federation/descriptor.ts";
import { parseFederationRecord } from "../../../schemas/federation/record.ts";
import {
  buildCatalogueJwks,
  generateCatalogueKeyPair,
  importSigningKey,
} from "../../../src/federation/keys.ts";
import { relayRecord } from "../../../src/federation/relay.ts";
import { SigningError, signRecord } from "../../../src/federation/sign.ts";
import { RECORD_JWS_TYPE, signedPayloadOf } from "../../../src/federation/signed-payload.ts";
import { verifyRecord } from "../../../src/federation/verify.ts";
import { publisherRecord, unsignedSoftware } from "./factories.ts";

async function makeCatalogue(id: string) {
  const pair = await generateCatalogueKeyPair();
  return { id, key: await importSigningKey(pair.privateJwk), jwks: buildCatalogueJwks([pair.publicJwk]) };
}

function resolverFor(...catalogues: Array<{ id: string; jwks: Jwks }>) {
  const byId = new Map(catalogues.map((c) => [c.id, c.jwks]));
  return { resolveOriginKeys: async (id: string) => byId.get(id) ?? null };
}

describe("signRecord / verifyRecord", () => {
  it("signs with a detached compact JWS that verifies against the origin's keys", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id });
    expect(record.signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    expect(parseFederationRecord(record).ok).toBe(true);
    await expect(verifyRecord(record, resolverFor(a))).resolves.toEqual({ ok: true, kid: a.key.kid });
  });

  it("gives the same signature as a standard JWS library, which verifies it too", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const unsigned = unsignedSoftware();
    const ours = (await signRecord({ record: unsigned, key: a.key, catalogueId: a.id })).signature;
    const jws = await new CompactSign(signedPayloadOf(unsigned))
      .setProtectedHeader({ alg: "EdDSA", kid: a.key.kid, typ: RECORD_JWS_TYPE, iss: a.id })
      .sign(a.key.key);
    const [header, payload, signature] = jws.split(".");
    expect(ours).toBe(`${header}..${signature}`);
    const [ourHeader, , ourSignature] = ours.split(".");
    await expect(
      compactVerify(`${ourHeader}.${payload}.${ourSignature}`, createLocalJWKSet(a.jwks)),
    ).resolves.toBeDefined();
  });

  it.each([
    { name: "shortened", change: (s: string) => s.slice(0, -2) },
    { name: "not base64url", change: (s: string) => `${s.slice(0, -1)}=` },
    {
      name: "a bit flipped",
      change: (s: string) => `${s.slice(0, -2)}${s.at(-2) === "A" ? "B" : "A"}${s.at(-1)}`,
    },
  ])("rejects a signature value $name", async ({ name, change }) => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id });
    const [header, , value] = record.signature.split(".");
    const broken = { ...record, signature: `${header}..${change(value!)}` };
    await expect(verifyRecord(broken, resolverFor(a))).resolves.toMatchObject({
      ok: false,
      code: name === "a bit flipped" ? "bad-signature" : "malformed-signature",
    });
  });

  it("still verifies after relays append to the chain and after a JSON round trip", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const signed = await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id });
    const relayed = relayRecord(relayRecord(signed, "relay-b.example"), "relay-c.example");
    expect(relayed.provenance.relayedBy).toEqual(["relay-b.example", "relay-c.example"]);
    const received = JSON.parse(JSON.stringify(relayed));
    await expect(verifyRecord(received, resolverFor(a))).resolves.toMatchObject({ ok: true });
  });

  it("verifies publisher records too", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = await signRecord({ record: publisherRecord(a.id), key: a.key, catalogueId: a.id });
    await expect(verifyRecord(record, resolverFor(a))).resolves.toMatchObject({ ok: true });
  });

  it.each([
    { name: "the body", tamper: (r: any) => (r.body.publiccode.name = "Evil App") },
    {
      name: "the source commit time",
      tamper: (r: any) => (r.provenance.source.committedAt = "2030-01-01T00:00:00Z"),
    },
    { name: "the origin sequence", tamper: (r: any) => (r.seq = 8) },
  ])("rejects a record whose $name was altered after signing", async ({ tamper }) => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = structuredClone(
      await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id }),
    );
    tamper(record);
    await expect(verifyRecord(record, resolverFor(a))).resolves.toMatchObject({
      ok: false,
      code: "bad-signature",
    });
  });

  it("rejects a record whose claimed origin differs from the signer named in the header", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const b = await makeCatalogue("catalogue-b.example");
    const signed = await signRecord({
      record: unsignedSoftware({ origin: a.id }),
      key: a.key,
      catalogueId: a.id,
    });
    const claimed = structuredClone(signed);
    claimed.provenance.origin.catalogueId = b.id;
    await expect(verifyRecord(claimed, resolverFor(a, b))).resolves.toMatchObject({
      ok: false,
      code: "origin-mismatch",
    });
  });

  it("rejects a record signed by another catalogue's key while claiming the origin", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const mallory = await makeCatalogue("mallory.example");
    const unsigned = unsignedSoftware({ origin: a.id });
    const sign = (kid: string) =>
      new CompactSign(signedPayloadOf(unsigned))
        .setProtectedHeader({ alg: "EdDSA", typ: RECORD_JWS_TYPE, kid, iss: a.id })
        .sign(mallory.key.key)
        .then((jws) => ({ ...unsigned, signature: jws.replace(/\.[^.]+\./, "..") }) as any);
    // Mallory's own kid is not in A's key set; borrowing A's kid does not make Mallory's signature verify.
    await expect(verifyRecord(await sign(mallory.key.kid), resolverFor(a, mallory))).resolves.toMatchObject({
      ok: false,
      code: "unknown-key",
    });
    await expect(verifyRecord(await sign(a.key.kid), resolverFor(a, mallory))).resolves.toMatchObject({
      ok: false,
      code: "bad-signature",
    });
  });

  it("rejects a record from an origin with no published keys", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id });
    await expect(verifyRecord(record, resolverFor())).resolves.toMatchObject({
      ok: false,
      code: "unknown-origin",
    });
  });

  it("rejects a signature whose header is garbage or names another algorithm", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const record = await signRecord({ record: unsignedSoftware(), key: a.key, catalogueId: a.id });
    const garbage = { ...record, signature: "bm9wZQ..c2ln" };
    const hs256 = { ...record, signature: `${Buffer.from('{"alg":"HS256"}').toString("base64url")}..c2ln` };
    await expect(verifyRecord(garbage, resolverFor(a))).resolves.toMatchObject({
      code: "malformed-signature",
    });
    await expect(verifyRecord(hs256, resolverFor(a))).resolves.toMatchObject({ code: "malformed-signature" });
  });

  it("refuses to sign a record of another origin or one that was already relayed", async () => {
    const a = await makeCatalogue("catalogue-a.example");
    const foreign = unsignedSoftware({ origin: "catalogue-b.example" });
    await expect(signRecord({ record: foreign, key: a.key, catalogueId: a.id })).rejects.toThrow(
      SigningError,
    );
    const relayed = unsignedSoftware({ origin: a.id, relayedBy: ["x.example"] });
    await expect(signRecord({ record: relayed, key: a.key, catalogueId: a.id })).rejects.toThrow(
      SigningError,
    );
  });
});
