// biome-ignore-all lint/suspicious/noExplicitAny: these tests reach into records to break them on purpose.
import { describe, expect, it } from "vitest";
import { parseFederationRecord } from "../../../schemas/federation/record.ts";
import { publisherRecord, softwareRecord, tombstoneRecord } from "./factories.ts";

function withPatch(patch: (record: Record<string, any>) => void): unknown {
  const record = structuredClone(softwareRecord()) as Record<string, any>;
  patch(record);
  return record;
}

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

describe("parseFederationRecord", () => {
  it.each([
    { name: "a software upsert", record: softwareRecord() },
    { name: "a tombstone", record: tombstoneRecord() },
    { name: "a publisher upsert", record: { ...publisherRecord(), signature: "eyJh..c2ln" } },
    {
      name: "a relayed record",
      record: softwareRecord({ relayedBy: ["relay-b.example", "relay-c.example"] }),
    },
  ])("accepts $name", ({ record }) => {
    const parsed = parseFederationRecord(record);
    expect(parsed).toEqual({ ok: true, record });
  });

  it.each([
    { name: "a wrong type", patch: (r: any) => (r.updatedAt = 12), path: "updatedAt" },
    { name: "an unknown action", patch: (r: any) => (r.action = "merge"), path: "action" },
    { name: "an unknown key", patch: (r: any) => (r.extra = true), path: "record" },
    { name: "a non-http URL", patch: (r: any) => (r.body.url = "javascript:alert(1)"), path: "body.url" },
    {
      name: "too many aliases",
      patch: (r: any) => (r.body.aliases = Array(65).fill("https://x.example/a")),
      path: "body.aliases",
    },
    {
      name: "an absurd relay chain",
      patch: (r: any) => (r.provenance.relayedBy = Array.from({ length: 17 }, (_, i) => `c${i}.example`)),
      path: "provenance.relayedBy",
    },
    {
      name: "a repeated relay",
      patch: (r: any) => (r.provenance.relayedBy = ["b.example", "b.example"]),
      path: "provenance.relayedBy",
    },
    { name: "an oversized id", patch: (r: any) => (r.id = "x".repeat(129)), path: "id" },
    {
      name: "a recordId unlike id",
      patch: (r: any) => (r.provenance.origin.recordId = "other"),
      path: "provenance.origin.recordId",
    },
    {
      name: "a bad blob sha",
      patch: (r: any) => (r.provenance.source.blobSha = "not-a-sha"),
      path: "provenance.source.blobSha",
    },
    { name: "an attached-payload JWS", patch: (r: any) => (r.signature = "a.b.c"), path: "signature" },
    { name: "a float seq", patch: (r: any) => (r.seq = 1.5), path: "seq" },
    {
      name: "an unknown tombstone reason",
      patch: (r: any) =>
        Object.assign(r, {
          action: "delete",
          body: undefined,
          tombstone: { reason: "bored", at: r.updatedAt },
        }),
      path: "tombstone.reason",
    },
    {
      name: "a software record without source",
      patch: (r: any) => (r.provenance.source = null),
      path: "provenance.source",
    },
  ])("refuses $name, naming the field", ({ patch, path }) => {
    const parsed = parseFederationRecord(withPatch(patch));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(path);
      // An id too long to be one is not echoed back into logs.
      expect(parsed.id).toBe(path === "id" ? null : "sw-1");
    }
  });

  it("refuses a publiccode document nested absurdly deep", () => {
    const parsed = parseFederationRecord(withPatch((r) => (r.body.publiccode.deep = nested(40))));
    expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining("nested deeper") });
  });

  it("refuses a publiccode document with an oversized string", () => {
    const parsed = parseFederationRecord(withPatch((r) => (r.body.publiccode.name = "x".repeat(20_001))));
    expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining("longer than 20000") });
  });

  it("refuses a record with a huge array before schema checks", () => {
    const parsed = parseFederationRecord(withPatch((r) => (r.body.publiccode.tags = Array(5_000).fill("t"))));
    expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining("more than 1000 items") });
  });

  it("refuses non-objects with a null id", () => {
    expect(parseFederationRecord("hello")).toMatchObject({ ok: false, id: null });
    expect(parseFederationRecord(null)).toMatchObject({ ok: false, id: null });
  });
});
