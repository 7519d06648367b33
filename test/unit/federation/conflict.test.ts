// biome-ignore-all lint/suspicious/noExplicitAny: these tests reach into records to break them on purpose.
import { describe, expect, it } from "vitest";
import type { FederationRecord } from "../../../schemas/federation/record.ts";
import { type DecideIncomingInput, decideIncoming } from "../../../src/federation/conflict.ts";
import { softwareRecord, tombstoneRecord } from "./factories.ts";

const SELF = "self.example";
const verified = { ok: true as const, kid: "k1" };

function decide(overrides: Partial<DecideIncomingInput> & { incoming: FederationRecord }) {
  return decideIncoming({
    local: null,
    selfCatalogueId: SELF,
    curatedFields: [],
    verification: verified,
    ...overrides,
  });
}

function bodyOf(record: FederationRecord | undefined): any {
  return record && record.action === "upsert" ? record.body : undefined;
}

describe("decideIncoming: signatures and loops", () => {
  it("rejects a record whose signature does not verify", () => {
    const decision = decide({
      incoming: softwareRecord(),
      verification: { ok: false, code: "bad-signature", reason: "signature does not match" },
    });
    expect(decision).toEqual({
      action: "reject",
      reason: "invalid-signature",
      detail: "signature does not match",
    });
  });

  it.each(["origin-mismatch", "unknown-key", "unknown-origin"] as const)(
    "rejects a record whose claimed origin does not own its key (%s)",
    (code) => {
      const decision = decide({ incoming: softwareRecord(), verification: { ok: false, code, reason: "x" } });
      expect(decision).toMatchObject({ action: "reject", reason: "origin-key-mismatch" });
    },
  );

  it("drops a record whose relay chain already contains this catalogue", () => {
    const incoming = softwareRecord({ relayedBy: ["b.example", SELF, "c.example"] });
    expect(decide({ incoming })).toEqual({ action: "skip", reason: "relay-loop" });
  });

  it("drops this catalogue's own record coming back through a peer", () => {
    const incoming = softwareRecord({ origin: SELF, relayedBy: ["b.example"] });
    expect(decide({ incoming })).toEqual({ action: "skip", reason: "own-record" });
  });
});

describe("decideIncoming: versions of one origin record", () => {
  it("applies a record never seen before", () => {
    const incoming = softwareRecord();
    expect(decide({ incoming })).toEqual({
      action: "apply",
      reason: "new-record",
      merged: incoming,
      effect: "upsert",
    });
  });

  it("applies a newer version of the same origin record and skips an equal or older one", () => {
    const local = softwareRecord({ updatedAt: "2026-01-10T10:00:00Z" });
    const newer = softwareRecord({ updatedAt: "2026-01-11T10:00:00+02:00", name: "Renamed" });
    const same = softwareRecord({ updatedAt: "2026-01-10T12:00:00+02:00" });
    expect(decide({ local, incoming: newer })).toMatchObject({ action: "apply", reason: "newer-version" });
    expect(decide({ local, incoming: same })).toEqual({ action: "skip", reason: "not-newer" });
    expect(decide({ local: newer, incoming: local })).toEqual({ action: "skip", reason: "not-newer" });
  });
});

describe("decideIncoming: two harvests of one repository", () => {
  const firstHand = softwareRecord({ origin: "a.example", id: "a-1", committedAt: "2026-01-01T00:00:00Z" });
  const relayedNewer = softwareRecord({
    origin: "b.example",
    id: "b-9",
    committedAt: "2026-03-01T00:00:00Z",
    relayedBy: ["c.example"],
  });

  it("lets a first-hand record beat a relayed copy, even a newer one", () => {
    expect(decide({ local: firstHand, incoming: relayedNewer })).toEqual({
      action: "skip",
      reason: "relayed-loses-to-first-hand",
    });
    expect(decide({ local: relayedNewer, incoming: firstHand })).toMatchObject({
      action: "apply",
      reason: "first-hand-beats-relayed",
    });
  });

  it("between two first-hand copies, keeps the newer source commit", () => {
    const older = softwareRecord({ origin: "a.example", id: "a-1", committedAt: "2026-01-01T00:00:00Z" });
    const newer = softwareRecord({ origin: "b.example", id: "b-1", committedAt: "2026-02-01T00:00:00Z" });
    expect(decide({ local: older, incoming: newer })).toMatchObject({
      action: "apply",
      reason: "newer-source",
    });
    expect(decide({ local: newer, incoming: older })).toEqual({ action: "skip", reason: "older-source" });
  });

  it("between two first-hand copies with the same or unknown commit time, keeps the later fetch", () => {
    const commit = "2026-01-01T00:00:00Z";
    const early = softwareRecord({
      origin: "a.example",
      id: "a-1",
      committedAt: commit,
      fetchedAt: "2026-01-02T00:00:00Z",
    });
    const late = softwareRecord({
      origin: "b.example",
      id: "b-1",
      committedAt: commit,
      fetchedAt: "2026-01-05T00:00:00Z",
    });
    const lateUnknownCommit = softwareRecord({
      origin: "b.example",
      id: "b-1",
      committedAt: null,
      fetchedAt: "2026-01-05T00:00:00Z",
    });
    expect(decide({ local: early, incoming: late })).toMatchObject({
      action: "apply",
      reason: "newer-source",
    });
    expect(decide({ local: early, incoming: lateUnknownCommit })).toMatchObject({ action: "apply" });
    expect(decide({ local: late, incoming: early })).toEqual({ action: "skip", reason: "older-source" });
  });

  it("treats this catalogue's own harvest as first-hand", () => {
    const own = softwareRecord({ origin: SELF, id: "mine", committedAt: "2026-01-01T00:00:00Z" });
    const relayed = softwareRecord({
      origin: "b.example",
      committedAt: "2026-05-01T00:00:00Z",
      relayedBy: ["c.example"],
    });
    expect(decide({ local: own, incoming: relayed })).toMatchObject({ action: "skip" });
  });
});

describe("decideIncoming: curated fields", () => {
  it("keeps fields curated by a local admin and takes everything else from the peer", () => {
    const local = softwareRecord({ updatedAt: "2026-01-10T10:00:00Z" }) as any;
    local.body.publiccode.description.en.shortDescription = "Curated by our admin";
    local.body.aliases = ["https://github.com/example-org/old-name"];
    const incoming = softwareRecord({ updatedAt: "2026-01-12T10:00:00Z", name: "New Name" }) as any;
    incoming.body.publiccode.description.en.shortDescription = "Peer text";
    const decision = decide({
      local,
      incoming,
      curatedFields: ["publiccode.description.en.shortDescription", "aliases"],
    });
    expect(decision.action).toBe("apply");
    const merged = bodyOf(decision.action === "apply" ? decision.merged : undefined);
    expect(merged.publiccode.description.en.shortDescription).toBe("Curated by our admin");
    expect(merged.aliases).toEqual(["https://github.com/example-org/old-name"]);
    expect(merged.publiccode.name).toBe("New Name");
    expect(merged.publiccode.description.en.features).toEqual(["one", "two"]);
    // The signed incoming record itself is left untouched, so it can still be relayed and verified.
    expect(incoming.body.publiccode.description.en.shortDescription).toBe("Peer text");
  });

  it("keeps a field the admin removed removed", () => {
    const local = softwareRecord() as any;
    delete local.body.publiccode.description.en.features;
    const incoming = softwareRecord({ updatedAt: "2026-02-01T00:00:00Z" });
    const decision = decide({ local, incoming, curatedFields: ["publiccode.description.en.features"] });
    const merged = bodyOf(decision.action === "apply" ? decision.merged : undefined);
    expect(merged.publiccode.description.en).not.toHaveProperty("features");
  });

  it("ignores prototype-polluting paths", () => {
    const local = softwareRecord();
    const incoming = softwareRecord({ updatedAt: "2026-02-01T00:00:00Z" });
    decide({ local, incoming, curatedFields: ["__proto__.polluted", "constructor.prototype.polluted"] });
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe("decideIncoming: tombstones", () => {
  it.each([
    { reason: "repository-gone" as const, effect: "remove" },
    { reason: "withdrawn" as const, effect: "remove" },
    { reason: "archived" as const, effect: "mark" },
  ])("applies a newer tombstone from the record's origin ($reason → $effect)", ({ reason, effect }) => {
    const local = softwareRecord({ updatedAt: "2026-01-10T10:00:00Z" });
    const incoming = tombstoneRecord({ reason, updatedAt: "2026-01-11T00:00:00Z" });
    expect(decide({ local, incoming })).toEqual({
      action: "apply",
      reason: "newer-version",
      merged: incoming,
      effect,
    });
  });

  it("skips a tombstone for a record it does not hold", () => {
    expect(decide({ incoming: tombstoneRecord() })).toEqual({ action: "skip", reason: "unknown-record" });
  });

  it("never lets another origin's tombstone remove the local copy", () => {
    const local = softwareRecord({ origin: "a.example", id: "a-1" });
    const incoming = tombstoneRecord({ origin: "b.example", id: "b-1", updatedAt: "2027-01-01T00:00:00Z" });
    expect(decide({ local, incoming })).toEqual({ action: "skip", reason: "foreign-tombstone" });
  });

  it("skips a stale tombstone older than the local version", () => {
    const local = softwareRecord({ updatedAt: "2026-03-01T00:00:00Z" });
    const incoming = tombstoneRecord({ updatedAt: "2026-02-01T00:00:00Z" });
    expect(decide({ local, incoming })).toEqual({ action: "skip", reason: "not-newer" });
  });

  it("brings back a record its origin republished after a tombstone", () => {
    const local = tombstoneRecord({ updatedAt: "2026-02-01T00:00:00Z" });
    const incoming = softwareRecord({ updatedAt: "2026-03-01T00:00:00Z" });
    expect(decide({ local, incoming })).toMatchObject({
      action: "apply",
      reason: "newer-version",
      effect: "upsert",
    });
  });

  it("lets another origin's harvest replace a tombstone only when it is newer than the withdrawal", () => {
    const local = tombstoneRecord({ origin: "a.example", id: "a-1", at: "2026-02-01T00:00:00Z" });
    const fresh = softwareRecord({ origin: "b.example", id: "b-1", committedAt: "2026-03-01T00:00:00Z" });
    const stale = softwareRecord({ origin: "b.example", id: "b-1", committedAt: "2026-01-01T00:00:00Z" });
    expect(decide({ local, incoming: fresh })).toMatchObject({
      action: "apply",
      reason: "newer-than-tombstone",
    });
    expect(decide({ local, incoming: stale })).toEqual({ action: "skip", reason: "older-source" });
  });
});
