import { log } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext, VerbArgs } from "../context.ts";
import { type AppendLogInput, appendLogInput } from "./schemas.ts";

export type LogRow = typeof log.$inferSelect;

/** Writes a log entry inside a caller's transaction. */
export function insertLog(tx: DbOrTx, ctx: ServiceContext, input: AppendLogInput): LogRow {
  const data = appendLogInput.parse(input);
  return tx
    .insert(log)
    .values({
      message: data.message,
      softwareId: data.softwareId ?? null,
      entity: data.entity ?? null,
      createdAt: ctx.clock.now(),
    })
    .returning()
    .get();
}

/** Appends a harvest or admin log entry, about one software or global. */
export async function appendLog({ ctx, input }: VerbArgs<AppendLogInput>): Promise<LogRow> {
  return insertLog(ctx.db, ctx, input);
}
