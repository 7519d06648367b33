// The federation record: one software or publisher as a catalogue publishes it in its change feed, with its
// provenance and the origin catalogue's signature. Parsing is strict (unknown keys, wrong types, absurd counts
// and oversized strings are refused per record) because every field arrives from a peer we do not control.
// The prose description of each field lives in docs/federation.md; record.schema.json is generated from here.
import { z } from "zod";
import { findJsonLimitViolation, type JsonLimits } from "./json-limits.ts";

export const FEDERATION_LIMITS = {
  /** Whole record, any shape check aside. */
  record: {
    maxDepth: 24,
    maxNodes: 20_000,
    maxStringLength: 100_000,
    maxArrayLength: 1_000,
    maxObjectKeys: 500,
    maxApproxBytes: 1_048_576,
  },
  /** The normalised publiccode document inside a software body. */
  publiccode: {
    maxDepth: 12,
    maxNodes: 10_000,
    maxStringLength: 20_000,
    maxArrayLength: 1_000,
    maxObjectKeys: 300,
    maxApproxBytes: 524_288,
  },
  maxAliases: 64,
  maxRelayChain: 16,
  maxCodeHosting: 255,
  maxPubliccodeYmlLength: 100_000,
} as const satisfies Record<string, JsonLimits | number>;

/** A catalogue's stable id: lower-case DNS-label-like text, conventionally its host name ("catalogue.example.eu"). */
export const catalogueIdSchema = z
  .string()
  .max(128)
  .regex(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/, "must be lower-case letters, digits, dots and hyphens");

export const recordIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, "must be letters, digits and . _ : -");

const dateTime = z.iso.datetime({ offset: true });
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);

export const tombstoneReasons = [
  "repository-gone",
  "file-removed",
  "archived",
  "left-publisher",
  "publisher-removed",
  "withdrawn",
] as const;
export type TombstoneReason = (typeof tombstoneReasons)[number];

const publiccodeDocument = z.record(z.string().max(128), z.unknown()).superRefine((doc, ctx) => {
  const violation = findJsonLimitViolation(doc, FEDERATION_LIMITS.publiccode);
  if (violation) ctx.addIssue({ code: "custom", message: `publiccode document: ${violation}` });
});

export const softwareBodySchema = z.strictObject({
  /** Canonical repository URL. */
  url: httpUrl,
  /** Previous or alternative repository URLs. */
  aliases: z.array(httpUrl).max(FEDERATION_LIMITS.maxAliases),
  /** The normalised publiccode.yml document (JSON form). */
  publiccode: publiccodeDocument,
  /** The publiccode.yml text as found in the repository, when the origin keeps it. */
  publiccodeYml: z.string().min(1).max(FEDERATION_LIMITS.maxPubliccodeYmlLength).optional(),
  /** The origin's id of the publisher this software belongs to. */
  publisherId: recordIdSchema.optional(),
});

export const publisherBodySchema = z.strictObject({
  description: z.string().min(1).max(255),
  email: z.email().max(255).optional(),
  alternativeId: z.string().min(1).max(255).optional(),
  codeHosting: z
    .array(z.strictObject({ url: httpUrl, group: z.boolean() }))
    .min(1)
    .max(FEDERATION_LIMITS.maxCodeHosting),
  active: z.boolean(),
});

export const sourceSchema = z.strictObject({
  /** "github", "gitlab", "open-catalog-api", … (open set: new forges need no protocol change). */
  forge: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  repositoryUrl: httpUrl,
  defaultBranch: z.string().min(1).max(255).nullable(),
  /** Git blob sha of the publiccode file (SHA-1 or SHA-256 repositories). */
  blobSha: z
    .string()
    .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/)
    .nullable(),
  /** Commit or push time of the harvested file. */
  committedAt: dateTime.nullable(),
  fetchedAt: dateTime,
});

export const provenanceSchema = z.strictObject({
  origin: z.strictObject({ catalogueId: catalogueIdSchema, recordId: recordIdSchema, baseUrl: httpUrl }),
  /** Null for publishers, which are registered, not harvested. */
  source: sourceSchema.nullable(),
  /** Catalogues that relayed the record after its origin, oldest first. Not signed: relays append to it. */
  relayedBy: z.array(catalogueIdSchema).max(FEDERATION_LIMITS.maxRelayChain),
});

/** Compact JWS with a detached payload: "<protected header>..<signature>". */
export const detachedJwsSchema = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/, "must be a compact JWS with a detached payload");

const common = {
  id: recordIdSchema,
  /** The origin's change-log sequence for this version (informational; feeds order by their own log). */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  updatedAt: dateTime,
  provenance: provenanceSchema,
  signature: detachedJwsSchema,
};

const upsertSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("software"),
    action: z.literal("upsert"),
    body: softwareBodySchema,
    ...common,
  }),
  z.strictObject({
    type: z.literal("publisher"),
    action: z.literal("upsert"),
    body: publisherBodySchema,
    ...common,
  }),
]);

const deleteSchema = z.strictObject({
  type: z.enum(["software", "publisher"]),
  action: z.literal("delete"),
  tombstone: z.strictObject({ reason: z.enum(tombstoneReasons), at: dateTime }),
  ...common,
});

export const federationRecordSchema = z
  .discriminatedUnion("action", [upsertSchema, deleteSchema])
  .superRefine((record, ctx) => {
    const { origin, relayedBy } = record.provenance;
    if (origin.recordId !== record.id) {
      ctx.addIssue({ code: "custom", path: ["provenance", "origin", "recordId"], message: "must equal id" });
    }
    if (new Set(relayedBy).size !== relayedBy.length || relayedBy.includes(origin.catalogueId)) {
      ctx.addIssue({
        code: "custom",
        path: ["provenance", "relayedBy"],
        message: "must not repeat a catalogue",
      });
    }
    if (record.type === "software" && record.action === "upsert" && record.provenance.source === null) {
      ctx.addIssue({ code: "custom", path: ["provenance", "source"], message: "is required for software" });
    }
  });

export type FederationRecord = z.infer<typeof federationRecordSchema>;
export type SoftwareBody = z.infer<typeof softwareBodySchema>;
export type PublisherBody = z.infer<typeof publisherBodySchema>;
export type RecordSource = z.infer<typeof sourceSchema>;
/** A record before its origin signs it. */
export type UnsignedFederationRecord = DistributiveOmit<FederationRecord, "signature">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type ParsedRecord =
  | { ok: true; record: FederationRecord }
  | { ok: false; id: string | null; reason: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "record"}: ${issue.message}`)
    .join("; ");
}

/** Parses one record from a peer; a refusal carries the record id (when readable) and a reason for the sync log. */
export function parseFederationRecord(input: unknown): ParsedRecord {
  const rawId = (input as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" && rawId.length <= 128 ? rawId : null;
  const violation = findJsonLimitViolation(input, FEDERATION_LIMITS.record);
  if (violation) return { ok: false, id, reason: `record too large or too deep: ${violation}` };
  const parsed = federationRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, id, reason: describeIssues(parsed.error) };
  return { ok: true, record: parsed.data };
}
