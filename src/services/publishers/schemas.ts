// Zod input schemas of the publisher verbs; the HTTP layer reuses them for request bodies.
import { z } from "zod";

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
  .transform((c) => c.toUpperCase());

export const codeHostingInput = z.object({
  url: z.string().min(1),
  /** true: an organisation or group (every repository in it); false: a single repository. */
  group: z.boolean().default(true),
});
export type CodeHostingInput = z.input<typeof codeHostingInput>;

export const publisherFields = z.object({
  name: z.string().trim().min(1).max(500),
  alternativeId: z.string().trim().min(1).max(500).nullish(),
  country: countryCode.nullish(),
  email: z.email().nullish(),
  description: z.string().max(10_000).nullish(),
  active: z.boolean().optional(),
});

/** name may be omitted when description is given (open-catalog-api publishers only have a description). */
export const createPublisherInput = publisherFields
  .extend({
    name: publisherFields.shape.name.optional(),
    codeHosting: z.array(codeHostingInput).max(1000).default([]),
  })
  .refine((p) => p.name || p.description?.trim(), {
    message: "name or description is required",
    path: ["name"],
  });
export type CreatePublisherInput = z.input<typeof createPublisherInput>;

/** Merge semantics: absent fields are kept, null clears an optional field, codeHosting (if given) replaces the set. */
export const updatePublisherInput = z.object({
  id: z.string().min(1),
  patch: publisherFields.partial().extend({ codeHosting: z.array(codeHostingInput).max(1000).optional() }),
});
export type UpdatePublisherInput = z.input<typeof updatePublisherInput>;

export const publisherIdInput = z.object({
  /** The publisher id or its alternativeId. */
  id: z.string().min(1),
});
export type PublisherIdInput = z.input<typeof publisherIdInput>;

export const listPublishersInput = z.object({
  /** Rows after this cursor (a page's nextCursor). */
  cursor: z.string().optional(),
  /** Rows before this cursor (a page's prevCursor); not with `cursor`. */
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
  /** Only active (true) or inactive (false) publishers; both when absent. */
  active: z.boolean().optional(),
});
export type ListPublishersInput = z.input<typeof listPublishersInput>;
