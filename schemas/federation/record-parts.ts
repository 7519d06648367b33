// The building blocks of a federation record: limits, identifiers, bodies and provenance (record.ts assembles
// them). Every string has a length cap and every array a count cap, because every field arrives from a peer.
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
