import { and, eq, gte, lte, type SQL } from "drizzle-orm";
import { type SoftwareRow, software } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";
import type { Page } from "../lib/cursor.ts";
import { type KeysetOrder, keysetPage } from "../lib/keyset.ts";
import { findPublisherRow } from "../publishers/load.ts";
import { aliasesOf, type Software, toSoftware } from "./load.ts";
import { type ListSoftwareInput, listSoftwareInput } from "./schemas.ts";

/** Most recently updated first (index software_updated_idx). */
const newestFirst: KeysetOrder<SoftwareRow> = {
  key: [
    { column: software.updatedAt, kind: "time" },
    { column: software.rowId, kind: "integer" },
  ],
  direction: "desc",
  keyOf: (row) => [row.updatedAt, row.rowId],
};

/** Lists software most recently updated first, keyset-paginated both ways. Only active software unless `all`. */
export async function listSoftware({ ctx, input }: VerbArgs<ListSoftwareInput>): Promise<Page<Software>> {
  const { cursor, before, limit, from, to, all, publisherId } = listSoftwareInput.parse(input);
  const conditions: (SQL | undefined)[] = [];
  if (!all) conditions.push(eq(software.state, "active"));
  if (from) conditions.push(gte(software.updatedAt, from));
  if (to) conditions.push(lte(software.updatedAt, to));
  if (publisherId)
    conditions.push(eq(software.publisherId, findPublisherRow(ctx.db, publisherId)?.id ?? publisherId));
  const page = keysetPage(newestFirst, { after: cursor, before, limit }, (where, orderBy, n) =>
    ctx.db
      .select()
      .from(software)
      .where(and(...conditions, where))
      .orderBy(...orderBy)
      .limit(n)
      .all(),
  );
  return {
    data: page.rows.map((row) => toSoftware(row, aliasesOf(ctx.db, row.id))),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}
