import { eq } from "drizzle-orm";
import { type ForgeRow, forge } from "../../db/schema/index.ts";
import { hostOf } from "../../lib/url.ts";
import type { VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { type ForgeByUrlInput, forgeByUrlInput } from "./schemas.ts";

/** The forge hosting a URL (repository, organisation or the forge itself), or null when none is registered. */
export async function matchForge({ ctx, input }: VerbArgs<ForgeByUrlInput>): Promise<ForgeRow | null> {
  const url = canonicalInputUrl(forgeByUrlInput.parse(input).url);
  return (
    ctx.db
      .select()
      .from(forge)
      .where(eq(forge.host, hostOf(url)))
      .get() ?? null
  );
}

/** The forge for a host ("github.com", "gitlab.example.org:8443"); NotFoundError when none. */
export async function getForgeByHost({ ctx, input }: VerbArgs<{ host: string }>): Promise<ForgeRow> {
  const host = hostOf(`https://${input.host}`);
  const row = ctx.db.select().from(forge).where(eq(forge.host, host)).get();
  if (!row) throw new NotFoundError("forge", input.host);
  return row;
}
