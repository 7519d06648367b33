import { and, eq, type SQL } from "drizzle-orm";
import { type PublisherRow, publisher } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import type { Page } from "../lib/cursor.ts";
import { type KeysetOrder, keysetPage } from "../lib/keyset.ts";
import { type Publisher, withCodeHosting } from "./load.ts";
import { type ListPublishersInput, listPublishersInput } from "./schemas.ts";

const oldestFirst: KeysetOrder<PublisherRow> = {
  key: [
    { column: publisher.createdAt, kind: "time" },
    { column: publisher.id, kind: "text" },
  ],
  direction: "asc",
  keyOf: (row) => [row.createdAt, row.id],
};

/** Lists publishers oldest first, keyset-paginated both ways on (createdAt, id). */
export async function listPublishers({
  ctx,
  input,
}: VerbArgs<ListPublishersInput>): Promise<Page<Publisher>> {
  const { cursor, before, limit, active } = listPublishersInput.parse(input);
  const conditions: SQL[] = [];
  if (active !== undefined) conditions.push(eq(publisher.active, active));
  const page = keysetPage(oldestFirst, { after: cursor, before, limit }, (where, orderBy, n) =>
    ctx.db
      .select()
      .from(publisher)
      .where(and(...conditions, where))
      .orderBy(...orderBy)
      .limit(n)
      .all(),
  );
  return {
    data: page.rows.map((row) => withCodeHosting(ctx.db, row)),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}
