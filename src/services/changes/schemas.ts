import { z } from "zod";

export const listChangesInput = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListChangesInput = z.input<typeof listChangesInput>;
