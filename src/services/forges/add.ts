import { eq, sql } from "drizzle-orm";
import { type ForgeRow, forge } from "../../db/schema/index.ts";
import type { Tx, VerbArgs } from "../context.ts";
import { ConflictError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { defaultEndpoints } from "./defaults.ts";
import { type AddForgeInput, addForgeInput } from "./schemas.ts";

/**
 * Registers a forge. The web URL is reduced to its origin (a forge is a host); sources already registered on
 * that host are linked to it. ConflictError when the host has a forge already.
 */
export async function addForge({ ctx, input }: VerbArgs<AddForgeInput>): Promise<ForgeRow> {
  const data = addForgeInput.parse(input);
  const webUrl = new URL(canonicalInputUrl(data.url)).origin;
  const host = new URL(webUrl).host;
  const defaults = defaultEndpoints(data.kind, webUrl);
  return ctx.db.transaction((tx) => {
    if (tx.select({ id: forge.id }).from(forge).where(eq(forge.host, host)).get()) {
      throw new ConflictError(`a forge for host '${host}' exists already`);
    }
    const now = ctx.clock.now();
    const row = tx
      .insert(forge)
      .values({
        id: ctx.newId(),
        kind: data.kind,
        host,
        webUrl,
        apiUrl: data.apiUrl ? data.apiUrl.replace(/\/+$/, "") : defaults.apiUrl,
        graphqlUrl: data.graphqlUrl ?? (data.apiUrl && data.kind === "github" ? null : defaults.graphqlUrl),
        tokenEnv: data.tokenEnv ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    linkSourcesToForge(tx, row);
    return row;
  });
}

// Sources added before their forge was registered have forge_id null; adopt those on this host. url is
// canonical ("https://<host>/..."), so a prefix test finds the host exactly.
function linkSourcesToForge(tx: Tx, row: ForgeRow): void {
  tx.run(sql`UPDATE code_hosting SET forge_id = ${row.id}
    WHERE forge_id IS NULL AND (url = ${`https://${row.host}`} OR url LIKE ${`https://${row.host}/%`})`);
}
