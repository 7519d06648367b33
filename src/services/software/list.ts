import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import { software } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { decodeCursor, encodeCursor, type Page } from "../lib/cursor.ts";
import { findPublisherRow } from "../publishers/load.ts";
import { aliasesOf, type Software, toSoftware } from "./load.ts";
import { type ListSoftwareInput, listSoftwareInput } from "./schemas.ts";

/**
 * Lists software most recently updated first, keyset-paginated on (updatedAt, rowId) (index
 * software_updated_idx). Only active software unless `all`.
 */
export async function listSoftware({ ctx, input }: VerbArgs<ListSoftwareInput>): Promise<Page<Software>> {
  const { cursor, limit, from, to, all, publisherId } = listSoftwareInput.parse(input);
  const conditions: (SQL | undefined)[] = [];
  if (!all) conditions.push(eq(software.state, "active"));
  if (from) conditions.push(gte(software.updatedAt, from));
  if (to) conditions.push(lte(software.updatedAt, to));
  if (publisherId)
    conditions.push(eq(software.publisherId, findPublisherRow(ctx.db, publisherId)?.id ?? publisherId));
  if (cursor) {
    const [at, rowId] = decodeCursor(cursor, 2) as [number, number];
    const before = new Date(at);
    conditions.push(
      or(lt(software.updatedAt, before), and(eq(software.updatedAt, before), lt(software.rowId, rowId))),
    );
  }
  const rows = ctx.db
    .select()
    .from(software)
    .where(and(...conditions))
    .orderBy(desc(software.updatedAt), desc(software.rowId))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => toSoftware(row, aliasesOf(ctx.db, row.id))),
    nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt.getTime(), last.rowId]) : null,
  };
}
