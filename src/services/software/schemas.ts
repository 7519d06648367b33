// Zod input schemas of the software verbs; the HTTP layer reuses them for request bodies.
import { z } from "zod";
import { softwareStates } from "../../db/schema/index.ts";

const bytes = z.union([z.string(), z.instanceof(Uint8Array)]);
const json = z.record(z.string(), z.unknown());

export const softwareIdInput = z.object({ id: z.string().min(1) });
export type SoftwareIdInput = z.input<typeof softwareIdInput>;

export const findSoftwareByUrlInput = z.object({ url: z.string().min(1) });
export type FindSoftwareByUrlInput = z.input<typeof findSoftwareByUrlInput>;

export const createSoftwareInput = z.object({
  url: z.string().min(1),
  /** The publiccode.yml file; must validate. */
  publiccodeYml: bytes,
  aliases: z.array(z.string().min(1)).max(100).default([]),
  publisherId: z.string().min(1).nullish(),
  /** false creates it suspended. */
  active: z.boolean().default(true),
});
export type CreateSoftwareInput = z.input<typeof createSoftwareInput>;

export const listSoftwareInput = z.object({
  /** Rows after this cursor (a page's nextCursor). */
  cursor: z.string().optional(),
  /** Rows before this cursor (a page's prevCursor); not with `cursor`. */
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
  /** updatedAt range, inclusive. */
  from: z.date().optional(),
  to: z.date().optional(),
  /** Include software in every state, not only active. */
  all: z.boolean().default(false),
  publisherId: z.string().min(1).optional(),
});
export type ListSoftwareInput = z.input<typeof listSoftwareInput>;

/** JSON merge-patch (RFC 7396) on the curated fields. */
export const softwarePatch = z.object({
  url: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).max(100).optional(),
  /** A new publiccode.yml; must validate. */
  publiccodeYml: bytes.optional(),
  /** false suspends, true lifts a suspension. */
  active: z.boolean().optional(),
  publisherId: z.string().min(1).nullable().optional(),
  /** Merge-patched into the curated overrides, which are merged over the served document. */
  overrides: json.nullable().optional(),
  reason: z.string().max(1000).optional(),
});
export type SoftwarePatch = z.output<typeof softwarePatch>;
export const updateSoftwareInput = z.object({ id: z.string().min(1), patch: softwarePatch });
export type UpdateSoftwareInput = z.input<typeof updateSoftwareInput>;

export const jsonPatchOperation = z.object({
  op: z.enum(["add", "remove", "replace", "move", "copy", "test"]),
  path: z.string(),
  value: z.unknown().optional(),
  from: z.string().optional(),
});
export const applySoftwareJsonPatchInput = z.object({
  id: z.string().min(1),
  operations: z.array(jsonPatchOperation).max(1000),
});
export type ApplySoftwareJsonPatchInput = z.input<typeof applySoftwareJsonPatchInput>;

export const setSoftwareStateInput = z.object({
  id: z.string().min(1),
  state: z.enum(softwareStates),
  reason: z.string().max(1000).nullish(),
});
export type SetSoftwareStateInput = z.input<typeof setSoftwareStateInput>;

const findingSchema = z.object({
  severity: z.enum(["error", "warning"]),
  key: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

export const recordSoftwareVersionInput = z.object({
  /** The software's URL (normally the repository URL). */
  url: z.string().min(1),
  raw: bytes,
  /** Git blob sha of the file: an unchanged sha makes the call a no-op. */
  blobSha: z.string().min(1).nullable(),
  /** The validator's outcome; computed here when absent. */
  validation: z
    .object({
      valid: z.boolean(),
      version: z.string().nullable(),
      document: json.nullable(),
      results: z.array(findingSchema),
    })
    .optional(),
  publisherId: z.string().min(1).nullish(),
  /** The repository row (src/services/repositories) the file came from: follows renames. */
  repositoryId: z.string().min(1).nullish(),
  /** What the forge answered for the file, e.g. "200". */
  forgeStatus: z.string().max(200).nullish(),
  source: z
    .object({
      forge: z.string().nullish(),
      repo: z.string().nullish(),
      branch: z.string().nullish(),
      commitAt: z.date().nullish(),
    })
    .optional(),
  fetchedAt: z.date().optional(),
});
export type RecordSoftwareVersionInput = z.input<typeof recordSoftwareVersionInput>;
