import { and, asc, eq, lte, type SQL } from "drizzle-orm";
import { type CodeHostingRow, codeHosting } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { findPublisherRow } from "../publishers/load.ts";
import { type ListSourcesInput, listSourcesInput } from "./schemas.ts";

/** Lists code-hosting sources, of one publisher or all; with dueAt, those due for a crawl, most overdue first. */
export async function listSources({ ctx, input }: VerbArgs<ListSourcesInput>): Promise<CodeHostingRow[]> {
  const { publisherId, dueAt, limit } = listSourcesInput.parse(input);
  const conditions: SQL[] = [];
  if (publisherId) {
    const owner = findPublisherRow(ctx.db, publisherId);
    if (!owner) return [];
    conditions.push(eq(codeHosting.publisherId, owner.id));
  }
  if (dueAt) conditions.push(lte(codeHosting.nextCrawlAt, dueAt));
  return ctx.db
    .select()
    .from(codeHosting)
    .where(and(...conditions))
    .orderBy(dueAt ? asc(codeHosting.nextCrawlAt) : asc(codeHosting.url))
    .limit(limit)
    .all();
}
