import { z } from "zod";

export const addSourceInput = z.object({
  /** Publisher id or alternativeId. */
  publisherId: z.string().min(1),
  url: z.string().min(1),
  group: z.boolean().default(true),
});
export type AddSourceInput = z.input<typeof addSourceInput>;

export const listSourcesInput = z.object({
  publisherId: z.string().min(1).optional(),
  /** Only sources due for a crawl at this time. */
  dueAt: z.date().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type ListSourcesInput = z.input<typeof listSourcesInput>;

export const removeSourceInput = z.object({ id: z.string().min(1) });
export type RemoveSourceInput = z.input<typeof removeSourceInput>;

export const recordSourceCrawlInput = z.object({
  id: z.string().min(1),
  error: z.string().nullish(),
  nextCrawlAt: z.date(),
});
export type RecordSourceCrawlInput = z.input<typeof recordSourceCrawlInput>;
