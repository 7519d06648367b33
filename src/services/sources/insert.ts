// Shared by createPublisher, updatePublisher and addSource: inserts one code-hosting source inside the caller's
// transaction, linked to the forge serving its host when that forge is registered.
import { eq } from "drizzle-orm";
import { type CodeHostingRow, codeHosting, forge } from "../../db/schema/index.ts";
import { hostOf } from "../../lib/url.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { ConflictError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";

export interface SourceFields {
  url: string;
  group?: boolean;
}

/**
 * `crawl: false` registers a source that is never due for a crawl (no nextCrawlAt): a copy of a peer's
 * publisher lists its sources, but they are harvested by the catalogue the publisher belongs to.
 */
export function insertSource(
  tx: DbOrTx,
  ctx: ServiceContext,
  publisherId: string,
  fields: SourceFields,
  options: { crawl?: boolean } = {},
): CodeHostingRow {
  const url = canonicalInputUrl(fields.url, "codeHosting.url");
  const existing = tx.select().from(codeHosting).where(eq(codeHosting.url, url)).get();
  if (existing) {
    if (existing.publisherId === publisherId) return existing;
    throw new ConflictError(`code hosting '${url}' already belongs to publisher '${existing.publisherId}'`);
  }
  const matched = tx
    .select({ id: forge.id })
    .from(forge)
    .where(eq(forge.host, hostOf(url)))
    .get();
  const now = ctx.clock.now();
  return tx
    .insert(codeHosting)
    .values({
      id: ctx.newId(),
      publisherId,
      url,
      group: fields.group ?? true,
      forgeId: matched?.id ?? null,
      nextCrawlAt: options.crawl === false ? null : now,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}
