// The federation record: one software or publisher as a catalogue publishes it in its change feed, with its
// provenance and the origin catalogue's signature. Parsing is strict (unknown keys, wrong types, absurd counts
// and oversized strings are refused per record) because every field arrives from a peer we do not control.
// The prose description of each field lives in docs/federation.md; record.schema.json is generated from here.
import { z } from "zod";
import { findJsonLimitViolation } from "./json-limits.ts";
import {
  FEDERATION_LIMITS,
  provenanceSchema,
  publisherBodySchema,
  recordIdSchema,
  softwareBodySchema,
  type sourceSchema,
  tombstoneReasons,
} from "./record-parts.ts";

export * from "./record-parts.ts";

const dateTime = z.iso.datetime({ offset: true });

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
