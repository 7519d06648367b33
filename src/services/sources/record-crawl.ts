import { eq } from "drizzle-orm";
import { type CodeHostingRow, codeHosting } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { type RecordSourceCrawlInput, recordSourceCrawlInput } from "./schemas.ts";

/** The harvester's note that a source was crawled (with the error, if any) and when it is due next. */
export async function recordSourceCrawl({
  ctx,
  input,
}: VerbArgs<RecordSourceCrawlInput>): Promise<CodeHostingRow> {
  const { id, error, nextCrawlAt } = recordSourceCrawlInput.parse(input);
  const now = ctx.clock.now();
  const row = ctx.db
    .update(codeHosting)
    .set({ lastCrawledAt: now, lastError: error ?? null, nextCrawlAt, updatedAt: now })
    .where(eq(codeHosting.id, id))
    .returning()
    .get();
  if (!row) throw new NotFoundError("code hosting", id);
  return row;
}
