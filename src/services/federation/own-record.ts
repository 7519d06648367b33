// Turns a change-log entry about one of our own records into the unsigned federation record it publishes
// (docs/federation.md §5). Pure: the change snapshot holds everything the record needs, so the same entry
// always yields the same record (and, Ed25519 being deterministic, the same signature): same cursor, same page.
import type { TombstoneReason, UnsignedFederationRecord } from "../../../schemas/federation/record.ts";
import type { ChangeRow } from "../../db/schema/index.ts";

export interface Origin {
  catalogueId: string;
  baseUrl: string;
}

type Snapshot = Record<string, unknown>;

/** How a lifecycle state is announced to peers; states missing here publish the document (or nothing). */
const tombstoneOfState: Record<string, TombstoneReason> = {
  gone: "repository-gone",
  "file-removed": "file-removed",
  archived: "archived",
  "left-publisher": "left-publisher",
  withdrawn: "withdrawn",
  // A suspension is local curation, but peers must stop showing what we no longer show.
  suspended: "withdrawn",
};

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** The protocol's forge names are short tokens; our forge column holds a host ("github.com", "127.0.0.1:80"). */
function forgeName(value: unknown): string {
  const host = str(value)?.toLowerCase() ?? "";
  if (host.includes("github")) return "github";
  if (host.includes("gitlab")) return "gitlab";
  if (host === "") return "api";
  return /^[a-z][a-z0-9-]{0,31}$/.test(host) ? host : "other";
}

function iso(value: unknown, fallback: string): string {
  const text = str(value);
  return text !== null && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : fallback;
}

function tombstone(row: ChangeRow, origin: Origin, reason: TombstoneReason, type: "software" | "publisher") {
  const at = row.at.toISOString();
  return {
    type,
    id: row.entityId,
    action: "delete",
    seq: row.seq,
    updatedAt: at,
    tombstone: { reason, at },
    provenance: {
      origin: { ...origin, recordId: row.entityId },
      source: null,
      relayedBy: [],
    },
  } as UnsignedFederationRecord;
}

function softwareRecord(row: ChangeRow, snap: Snapshot, origin: Origin): UnsignedFederationRecord | null {
  const state = str(snap.state) ?? (snap.deleted ? "withdrawn" : "active");
  const reason = tombstoneOfState[state];
  if (reason) return tombstone(row, origin, reason, "software");
  const document = snap.document;
  if (document === null || typeof document !== "object") return null; // never valid: nothing to publish
  const at = row.at.toISOString();
  const url = str(snap.url)!;
  const yml = str(snap.publiccodeYml);
  const blobSha = str(snap.sourceBlobSha);
  const publisherId = str(snap.publisherId);
  return {
    type: "software",
    id: row.entityId,
    action: "upsert",
    seq: row.seq,
    updatedAt: at,
    body: {
      url,
      aliases: Array.isArray(snap.aliases) ? (snap.aliases as string[]) : [],
      publiccode: document as Record<string, unknown>,
      ...(yml !== null && yml.length <= 100_000 ? { publiccodeYml: yml } : {}),
      ...(publisherId !== null ? { publisherId } : {}),
    },
    provenance: {
      origin: { ...origin, recordId: row.entityId },
      source: {
        forge: forgeName(snap.sourceForge),
        repositoryUrl: str(snap.sourceRepo) ?? url,
        defaultBranch: str(snap.sourceBranch),
        blobSha: blobSha !== null && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(blobSha) ? blobSha : null,
        committedAt: str(snap.sourceCommitAt) === null ? null : iso(snap.sourceCommitAt, at),
        fetchedAt: iso(snap.fetchedAt, at),
      },
      relayedBy: [],
    },
  } as UnsignedFederationRecord;
}

function publisherRecord(row: ChangeRow, snap: Snapshot, origin: Origin): UnsignedFederationRecord | null {
  if (row.action === "delete" || snap.deleted)
    return tombstone(row, origin, "publisher-removed", "publisher");
  const hosting = Array.isArray(snap.codeHosting)
    ? (snap.codeHosting as { url: string; group: boolean }[])
    : [];
  const description = (str(snap.description) ?? str(snap.name))?.slice(0, 255) ?? null;
  // The protocol requires a description and at least one code-hosting source; a bare publisher is not published.
  if (hosting.length === 0 || description === null) return null;
  const email = str(snap.email);
  const alternativeId = str(snap.alternativeId);
  return {
    type: "publisher",
    id: row.entityId,
    action: "upsert",
    seq: row.seq,
    updatedAt: row.at.toISOString(),
    body: {
      description,
      ...(email !== null ? { email } : {}),
      ...(alternativeId !== null ? { alternativeId } : {}),
      codeHosting: hosting.map((h) => ({ url: h.url, group: h.group })),
      active: snap.active !== false,
    },
    provenance: { origin: { ...origin, recordId: row.entityId }, source: null, relayedBy: [] },
  } as UnsignedFederationRecord;
}

/** The record an entry about our own entity publishes, or null when there is nothing to publish. */
export function buildOwnRecord(row: ChangeRow, origin: Origin): UnsignedFederationRecord | null {
  const snap = row.snapshot;
  return row.entityType === "software"
    ? softwareRecord(row, snap, origin)
    : publisherRecord(row, snap, origin);
}

/** The origin catalogue a software snapshot names, when it is a copy relayed from a peer. */
export function foreignOriginOf(row: ChangeRow, selfId: string): string | null {
  const origin = str(row.snapshot.originCatalogueId);
  return origin !== null && origin !== selfId ? origin : null;
}
