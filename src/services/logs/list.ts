import { and, eq, gte, isNull, lte, type SQL, sql } from "drizzle-orm";
import { log } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import type { Page } from "../lib/cursor.ts";
import { type KeysetOrder, keysetPage } from "../lib/keyset.ts";
import type { LogRow } from "./append.ts";
import { type ListLogsInput, listLogsInput } from "./schemas.ts";

const newestFirst: KeysetOrder<LogRow> = {
  key: [{ column: log.id, kind: "integer" }],
  direction: "desc",
  keyOf: (row) => [row.id],
};

/** Lists log entries newest first (keyset on id, both ways), globally or for one software. */
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
  const page = keysetPage(
    newestFirst,
    { after: p.cursor, before: p.before, limit: p.limit },
    (where, orderBy, n) =>
      ctx.db
        .select()
        .from(log)
        .where(and(...conditions, where))
        .orderBy(...orderBy)
        .limit(n)
        .all(),
  );
  return { data: page.rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}
