import { describe, expect, it } from "vitest";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import {
  type DecidePublisherInput,
  decidePublisherIncoming,
} from "../../../src/federation/publisher-conflict.ts";
import { publisherRecord } from "./factories.ts";

const SELF = "self.example";
const verified = { ok: true as const, kid: "k1" };

function pub(
  options: { origin?: string; id?: string; updatedAt?: string; relayedBy?: string[] } = {},
): FederationRecord {
  const record = publisherRecord(options.origin, options.id);
  return {
    ...record,
    updatedAt: options.updatedAt ?? record.updatedAt,
    provenance: { ...record.provenance, relayedBy: options.relayedBy ?? [] },
    signature: "eyJhbGciOiJFZERTQSJ9..c2ln",
  } as FederationRecord;
}

function removed(options: Parameters<typeof pub>[0] = {}): FederationRecord {
  const { body: _body, ...rest } = pub(options) as Extract<FederationRecord, { action: "upsert" }>;
  return {
    ...rest,
    type: "publisher",
    action: "delete",
    tombstone: { reason: "publisher-removed", at: rest.updatedAt },
  };
}

function decide(overrides: Partial<DecidePublisherInput> & { incoming: FederationRecord }) {
  return decidePublisherIncoming({
    local: null,
    selfCatalogueId: SELF,
    verification: verified,
    ...overrides,
  });
}

describe("decidePublisherIncoming: the software gates", () => {
  it("rejects a publisher whose signature does not verify, even when a curated publisher matches", () => {
    const decision = decide({
      incoming: pub(),
      local: { kind: "curated" },
      verification: { ok: false, code: "bad-signature", reason: "no" },
    });
    expect(decision).toMatchObject({ action: "reject", reason: "invalid-signature" });
  });

  it("rejects a publisher whose origin does not own the key", () => {
    const decision = decide({
      incoming: pub(),
      verification: { ok: false, code: "origin-mismatch", reason: "no" },
    });
    expect(decision).toMatchObject({ action: "reject", reason: "origin-key-mismatch" });
  });

  it("drops this catalogue's own publisher and a relay loop", () => {
    expect(decide({ incoming: pub({ origin: SELF, relayedBy: ["b.example"] }) })).toEqual({
      action: "skip",
      reason: "own-record",
    });
    expect(
      decide({ incoming: pub({ relayedBy: [SELF] }), local: { kind: "origin", record: pub() } }),
    ).toEqual({ action: "skip", reason: "relay-loop" });
  });

  it("applies a new publisher and drops a tombstone for one never seen", () => {
    expect(decide({ incoming: pub() })).toMatchObject({
      action: "apply",
      reason: "new-record",
      effect: "upsert",
    });
    expect(decide({ incoming: removed() })).toEqual({ action: "skip", reason: "unknown-record" });
  });
});

describe("decidePublisherIncoming: a publisher registered here", () => {
  it("is never replaced by a peer's copy, nor removed by its tombstone", () => {
    const local = { kind: "curated" as const };
    expect(decide({ incoming: pub(), local })).toEqual({ action: "skip", reason: "curated-locally" });
    expect(decide({ incoming: removed(), local })).toEqual({ action: "skip", reason: "foreign-tombstone" });
  });
});

describe("decidePublisherIncoming: versions of one origin publisher", () => {
  const held = pub({ updatedAt: "2026-01-10T10:00:00Z" });

  it("applies a later version and drops an equal or older one", () => {
    const local = { kind: "origin" as const, record: held };
    expect(decide({ incoming: pub({ updatedAt: "2026-01-11T10:00:00Z" }), local })).toMatchObject({
      action: "apply",
      reason: "newer-version",
      effect: "upsert",
    });
    for (const updatedAt of ["2026-01-10T10:00:00Z", "2026-01-09T10:00:00Z"]) {
      expect(decide({ incoming: pub({ updatedAt }), local })).toEqual({
        action: "skip",
        reason: "not-newer",
      });
    }
  });

  it("removes the copy on a later tombstone, and a remembered tombstone blocks an older upsert", () => {
    const later = removed({ updatedAt: "2026-01-12T10:00:00Z" });
    expect(decide({ incoming: later, local: { kind: "origin", record: held } })).toMatchObject({
      action: "apply",
      effect: "remove",
    });
    expect(decide({ incoming: held, local: { kind: "origin", record: later } })).toEqual({
      action: "skip",
      reason: "not-newer",
    });
  });

  it("takes the origin's word when the version held is no longer known", () => {
    const local = { kind: "origin" as const, record: null };
    expect(decide({ incoming: pub(), local })).toMatchObject({ action: "apply", effect: "upsert" });
    expect(decide({ incoming: removed(), local })).toMatchObject({ action: "apply", effect: "remove" });
  });
});

describe("decidePublisherIncoming: another origin's copy matched", () => {
  const relayedCopy = pub({ origin: "other.example", id: "p-9", relayedBy: ["relay.example"] });

  it("replaces a relayed copy with a first-hand one, and keeps a first-hand copy against a relayed one", () => {
    expect(decide({ incoming: pub(), local: { kind: "relayed", record: relayedCopy } })).toMatchObject({
      action: "apply",
      reason: "first-hand-beats-relayed",
    });
    const firstHand = pub({ origin: "other.example", id: "p-9" });
    expect(
      decide({
        incoming: pub({ relayedBy: ["relay.example"] }),
        local: { kind: "relayed", record: firstHand },
      }),
    ).toEqual({ action: "skip", reason: "relayed-loses-to-first-hand" });
  });

  it("never removes another origin's copy on a tombstone", () => {
    for (const record of [relayedCopy, null]) {
      expect(decide({ incoming: removed(), local: { kind: "relayed", record } })).toEqual({
        action: "skip",
        reason: "foreign-tombstone",
      });
    }
  });
});
