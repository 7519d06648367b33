import { z } from "zod";

export const listLogsInput = z.object({
  /** One software's log; absent: every entry. */
  softwareId: z.string().min(1).optional(),
  /** Only global entries (softwareId null). */
  globalOnly: z.boolean().default(false),
  from: z.date().optional(),
  to: z.date().optional(),
  /** Substring of the message. */
  search: z.string().max(200).optional(),
  /** Rows after this cursor (a page's nextCursor). */
  cursor: z.string().optional(),
  /** Rows before this cursor (a page's prevCursor); not with `cursor`. */
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(25),
});
export type ListLogsInput = z.input<typeof listLogsInput>;

export const appendLogInput = z.object({
  message: z.string().min(1).max(10_000),
  softwareId: z.string().min(1).nullish(),
  entity: z.string().max(500).nullish(),
});
export type AppendLogInput = z.input<typeof appendLogInput>;
