// Software aliases: other URLs (canonical form) that name the same software.
import { eq } from "drizzle-orm";
import { software, softwareAlias } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";
import { ConflictError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";

/** Adds an alias; ConflictError when the URL already names another software (as its url or an alias). */
export function insertAliasRow(tx: DbOrTx, ctx: ServiceContext, softwareId: string, url: string): void {
  const canonical = canonicalInputUrl(url, "aliases");
  const owner = tx.select({ id: software.id }).from(software).where(eq(software.url, canonical)).get();
  if (owner) {
    if (owner.id === softwareId) return;
    throw new ConflictError(`'${canonical}' is the url of software '${owner.id}'`);
  }
  const alias = tx.select().from(softwareAlias).where(eq(softwareAlias.url, canonical)).get();
  if (alias) {
    if (alias.softwareId === softwareId) return;
    throw new ConflictError(`'${canonical}' is an alias of software '${alias.softwareId}'`);
  }
  tx.insert(softwareAlias).values({ url: canonical, softwareId, createdAt: ctx.clock.now() }).run();
}

/** Replaces the alias set of a software. */
export function replaceAliases(tx: DbOrTx, ctx: ServiceContext, softwareId: string, urls: string[]): void {
  tx.delete(softwareAlias).where(eq(softwareAlias.softwareId, softwareId)).run();
  for (const url of urls) insertAliasRow(tx, ctx, softwareId, url);
}

/** Moves a software to a new canonical URL, keeping the old one as an alias (renamed repositories). */
export function moveSoftwareUrl(
  tx: DbOrTx,
  ctx: ServiceContext,
  softwareId: string,
  from: string,
  to: string,
): void {
  if (from === to) return;
  const clash = tx.select({ id: software.id }).from(software).where(eq(software.url, to)).get();
  if (clash && clash.id !== softwareId)
    throw new ConflictError(`'${to}' is the url of software '${clash.id}'`);
  tx.delete(softwareAlias).where(eq(softwareAlias.url, to)).run();
  tx.update(software).set({ url: to }).where(eq(software.id, softwareId)).run();
  insertAliasRow(tx, ctx, softwareId, from);
}
