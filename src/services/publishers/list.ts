import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import { publisher } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import { decodeCursor, encodeCursor, type Page } from "../lib/cursor.ts";
import { type Publisher, withCodeHosting } from "./load.ts";
import { type ListPublishersInput, listPublishersInput } from "./schemas.ts";

/** Lists publishers oldest first, keyset-paginated on (createdAt, id). */
export async function listPublishers({
  ctx,
  input,
}: VerbArgs<ListPublishersInput>): Promise<Page<Publisher>> {
  const { cursor, limit, active } = listPublishersInput.parse(input);
  const conditions: SQL[] = [];
  if (active !== undefined) conditions.push(eq(publisher.active, active));
  if (cursor) {
    const [at, id] = decodeCursor(cursor, 2) as [number, string];
    const after = new Date(at);
    conditions.push(
      or(gt(publisher.createdAt, after), and(eq(publisher.createdAt, after), gt(publisher.id, id)))!,
    );
  }
  const rows = ctx.db
    .select()
    .from(publisher)
    .where(and(...conditions))
    .orderBy(asc(publisher.createdAt), asc(publisher.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => withCodeHosting(ctx.db, row)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
  };
}
