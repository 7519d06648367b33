// Reads the change log in seq order, after a given seq: what the federation feed pages through.
import { asc, gt } from "drizzle-orm";
import { type ChangeRow, change } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import type { ListChangesInput } from "./schemas.ts";
import { listChangesInput } from "./schemas.ts";

export interface ListChangesResult {
  data: ChangeRow[];
  /** Seq of the last row returned (pass as afterSeq next time); equals afterSeq when nothing is new. */
  lastSeq: number;
}

export async function listChanges({ ctx, input }: VerbArgs<ListChangesInput>): Promise<ListChangesResult> {
  const { afterSeq, limit } = listChangesInput.parse(input);
  const data = ctx.db
    .select()
    .from(change)
    .where(gt(change.seq, afterSeq))
    .orderBy(asc(change.seq))
    .limit(limit)
    .all();
  return { data, lastSeq: data.at(-1)?.seq ?? afterSeq };
}
