// The software as verbs return it and as the change log snapshots it: the row (without its search key) plus
// its aliases; raw is the served publiccode.yml as text.
import { asc, eq, sql } from "drizzle-orm";
import { type SoftwareRow, software, softwareAlias } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
import type { DbOrTx } from "../context.ts";
import { NotFoundError } from "../errors.ts";

export interface Software extends Omit<SoftwareRow, "rowId" | "raw" | "checkedAt"> {
  /** The served publiccode.yml as fetched (UTF-8 text); null when no valid version was ever seen. */
  publiccodeYml: string | null;
  aliases: string[];
}

// These lookups run several times for every record a sync or harvest writes: prepared once per connection.
export function findSoftwareRow(tx: DbOrTx, id: string): SoftwareRow | undefined {
  return cachedStatement(tx, "software.byId", () =>
    tx
      .select()
      .from(software)
      .where(eq(software.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

export function requireSoftwareRow(tx: DbOrTx, id: string): SoftwareRow {
  const row = findSoftwareRow(tx, id);
  if (!row) throw new NotFoundError("software", id);
  return row;
}

/** By canonical URL first, then by alias; every lifecycle state. */
export function findSoftwareRowByUrl(tx: DbOrTx, canonical: string): SoftwareRow | undefined {
  const direct = cachedStatement(tx, "software.byUrl", () =>
    tx
      .select()
      .from(software)
      .where(eq(software.url, sql.placeholder("url")))
      .prepare(),
  ).get({ url: canonical });
  if (direct) return direct;
  const alias = cachedStatement(tx, "softwareAlias.byUrl", () =>
    tx
      .select()
      .from(softwareAlias)
      .where(eq(softwareAlias.url, sql.placeholder("url")))
      .prepare(),
  ).get({ url: canonical });
  return alias ? findSoftwareRow(tx, alias.softwareId) : undefined;
}

export function aliasesOf(tx: DbOrTx, id: string): string[] {
  return cachedStatement(tx, "softwareAlias.ofSoftware", () =>
    tx
      .select({ url: softwareAlias.url })
      .from(softwareAlias)
      .where(eq(softwareAlias.softwareId, sql.placeholder("id")))
      .orderBy(asc(softwareAlias.url))
      .prepare(),
  )
    .all({ id })
    .map((a) => a.url);
}

export function toSoftware(row: SoftwareRow, aliases: string[]): Software {
  const { rowId: _rowId, raw, checkedAt: _checkedAt, ...rest } = row;
  return { ...rest, publiccodeYml: raw ? raw.toString("utf8") : null, aliases };
}

export function loadSoftware(tx: DbOrTx, id: string): Software {
  return toSoftware(requireSoftwareRow(tx, id), aliasesOf(tx, id));
}

/** JSON snapshot for the change log (Dates become ISO strings). */
export function softwareSnapshot(s: Software): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}
