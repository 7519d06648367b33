import { and, desc, eq, gte, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { log } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { decodeCursor, encodeCursor, type Page } from "../lib/cursor.ts";
import type { LogRow } from "./append.ts";
import { type ListLogsInput, listLogsInput } from "./schemas.ts";

/** Lists log entries newest first (keyset on id), globally or for one software. */
export async function listLogs({ ctx, input }: VerbArgs<ListLogsInput>): Promise<Page<LogRow>> {
  const p = listLogsInput.parse(input);
  const conditions: SQL[] = [];
  if (p.softwareId) conditions.push(eq(log.softwareId, p.softwareId));
  else if (p.globalOnly) conditions.push(isNull(log.softwareId));
  if (p.from) conditions.push(gte(log.createdAt, p.from));
  if (p.to) conditions.push(lte(log.createdAt, p.to));
  if (p.search) {
    const pattern = `%${p.search.replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(sql`${log.message} LIKE ${pattern} ESCAPE '\\'`);
  }
  if (p.cursor) conditions.push(lt(log.id, Number(decodeCursor(p.cursor, 1)[0])));
  const rows = ctx.db
    .select()
    .from(log)
    .where(and(...conditions))
    .orderBy(desc(log.id))
    .limit(p.limit + 1)
    .all();
  const page = rows.slice(0, p.limit);
  return {
    data: page,
    nextCursor: rows.length > p.limit && page.length > 0 ? encodeCursor([page.at(-1)!.id]) : null,
  };
}
