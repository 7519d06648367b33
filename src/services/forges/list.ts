import { asc } from "drizzle-orm";
import { type ForgeRow, forge } from "../../db/schema/index.ts";
import type { VerbArgs } from "../context.ts";

export async function listForges({ ctx }: VerbArgs<Record<string, never> | undefined>): Promise<ForgeRow[]> {
  return ctx.db.select().from(forge).orderBy(asc(forge.host)).all();
}
