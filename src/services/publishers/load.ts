// The publisher as verbs return it and as the change log snapshots it: the row plus its code-hosting sources.
import { asc, eq, or } from "drizzle-orm";
import { codeHosting, type PublisherRow, publisher } from "../../db/schema/index.ts";
import type { DbOrTx } from "../context.ts";
import { NotFoundError } from "../errors.ts";

export interface Publisher extends PublisherRow {
  codeHosting: { id: string; url: string; group: boolean }[];
}

export function findPublisherRow(tx: DbOrTx, idOrAlternativeId: string): PublisherRow | undefined {
  return tx
    .select()
    .from(publisher)
    .where(or(eq(publisher.id, idOrAlternativeId), eq(publisher.alternativeId, idOrAlternativeId)))
    .get();
}

export function withCodeHosting(tx: DbOrTx, row: PublisherRow): Publisher {
  const sources = tx
    .select({ id: codeHosting.id, url: codeHosting.url, group: codeHosting.group })
    .from(codeHosting)
    .where(eq(codeHosting.publisherId, row.id))
    .orderBy(asc(codeHosting.url))
    .all();
  return { ...row, codeHosting: sources };
}

export function loadPublisher(tx: DbOrTx, idOrAlternativeId: string): Publisher {
  const row = findPublisherRow(tx, idOrAlternativeId);
  if (!row) throw new NotFoundError("publisher", idOrAlternativeId);
  return withCodeHosting(tx, row);
}

/** JSON snapshot for the change log (Dates become ISO strings). */
export function publisherSnapshot(p: Publisher): Record<string, unknown> {
  return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
}
