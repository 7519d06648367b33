// Builders for federation records in tests: each call makes fresh data, overridable field by field.
import type { FederationRecord, UnsignedFederationRecord } from "../../../schemas/federation/record.ts";

const BLOB_SHA = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";

export interface SoftwareRecordOptions {
  origin?: string;
  id?: string;
  repositoryUrl?: string;
  updatedAt?: string;
  committedAt?: string | null;
  fetchedAt?: string;
  relayedBy?: string[];
  name?: string;
}

export function unsignedSoftware(options: SoftwareRecordOptions = {}): UnsignedFederationRecord {
  const origin = options.origin ?? "catalogue-a.example";
  const id = options.id ?? "sw-1";
  const repositoryUrl = options.repositoryUrl ?? "https://github.com/example-org/example-app";
  return {
    type: "software",
    id,
    action: "upsert",
    seq: 7,
    updatedAt: options.updatedAt ?? "2026-01-10T10:00:00Z",
    body: {
      url: repositoryUrl,
      aliases: [],
      publiccode: {
        publiccodeYmlVersion: "0.4",
        name: options.name ?? "Example App",
        url: repositoryUrl,
        description: { en: { shortDescription: "An example", features: ["one", "two"] } },
      },
    },
    provenance: {
      origin: { catalogueId: origin, recordId: id, baseUrl: `https://${origin}` },
      source: {
        forge: "github",
        repositoryUrl,
        defaultBranch: "main",
        blobSha: BLOB_SHA,
        committedAt: options.committedAt === undefined ? "2026-01-09T08:00:00Z" : options.committedAt,
        fetchedAt: options.fetchedAt ?? "2026-01-10T09:59:00Z",
      },
      relayedBy: options.relayedBy ?? [],
    },
  };
}

/** A record with a well-formed but meaningless signature, for rules that do not look at it. */
export function softwareRecord(options: SoftwareRecordOptions = {}): FederationRecord {
  return { ...unsignedSoftware(options), signature: "eyJhbGciOiJFZERTQSJ9..c2ln" } as FederationRecord;
}

export function tombstoneRecord(
  options: SoftwareRecordOptions & {
    reason?: "repository-gone" | "archived" | "withdrawn";
    at?: string;
  } = {},
): FederationRecord {
  const { body: _body, ...rest } = softwareRecord(options) as Extract<FederationRecord, { action: "upsert" }>;
  return {
    ...rest,
    type: "software",
    action: "delete",
    tombstone: {
      reason: options.reason ?? "repository-gone",
      at: options.at ?? options.updatedAt ?? "2026-01-10T10:00:00Z",
    },
  };
}

export function publisherRecord(origin = "catalogue-a.example", id = "pub-1"): UnsignedFederationRecord {
  return {
    type: "publisher",
    id,
    action: "upsert",
    updatedAt: "2026-01-10T10:00:00Z",
    body: {
      description: "Comune di Esempio",
      email: "ict@comune.esempio.it",
      codeHosting: [{ url: "https://github.com/comune-di-esempio", group: true }],
      active: true,
    },
    provenance: {
      origin: { catalogueId: origin, recordId: id, baseUrl: `https://${origin}` },
      source: null,
      relayedBy: [],
    },
  };
}
