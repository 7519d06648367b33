// The documents of the federation endpoints other than the record itself: the catalogue descriptor served at
// /.well-known/publiccode-catalogue and the pages of /federation/v1/changes and /federation/v1/snapshot.
// Records inside a page are parsed one by one (parseFederationRecord) so one bad record never sinks a page.
import { z } from "zod";
import { catalogueIdSchema } from "./record.ts";

export const FEED_PAGE_LIMIT_MAX = 500;

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** A public Ed25519 key as a JWK; private members are refused outright, not stripped. */
export const publicJwkSchema = z.strictObject({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url 32-byte Ed25519 public key"),
  kid: z.string().min(1).max(128),
  alg: z.literal("EdDSA").optional(),
  use: z.literal("sig").optional(),
});

export const jwksSchema = z.strictObject({ keys: z.array(publicJwkSchema).min(1).max(16) });

export const catalogueDescriptorSchema = z.strictObject({
  protocol: z.literal("publiccode-catalogue-federation/1"),
  id: catalogueIdSchema,
  name: z.string().min(1).max(255),
  baseUrl: httpUrl,
  /** ISO 3166-1 alpha-2 country, or null for a catalogue that is not national. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  /** Free text: "national", "regional: Tuscany", "EU institutions", … */
  scope: z.string().min(1).max(255),
  jwks: jwksSchema,
  feeds: z.strictObject({ changes: httpUrl, snapshot: httpUrl }),
  /** How long tombstones stay in the change feed; a peer further behind than this must re-read the snapshot. */
  tombstoneRetentionDays: z.number().int().min(1).max(36_500),
});

export const feedPageSchema = z.strictObject({
  /** Records, checked one by one afterwards. */
  records: z.array(z.unknown()).max(FEED_PAGE_LIMIT_MAX),
  hasMore: z.boolean(),
  nextCursor: z.string().min(1).max(512),
});

export const snapshotPageSchema = feedPageSchema.extend({
  /** The changes cursor this snapshot is consistent with: read changes from here once hasMore is false. */
  changesCursor: z.string().min(1).max(512),
});

export type PublicJwk = z.infer<typeof publicJwkSchema>;
export type Jwks = z.infer<typeof jwksSchema>;
export type CatalogueDescriptor = z.infer<typeof catalogueDescriptorSchema>;
export type FeedPage = z.infer<typeof feedPageSchema>;
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;
