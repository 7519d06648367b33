// Appends one change-log row. Called by every verb that creates, updates or deletes a software or publisher,
// with the verb's transaction handle, so the write and its change row commit (or roll back) together.
import type { ChangeAction, ChangeEntity } from "../../db/schema/index.ts";
import { rawStatement } from "../../db/statement-cache.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";

export interface AppendChangeInput {
  entityType: ChangeEntity;
  entityId: string;
  action: ChangeAction;
  reason?: string | null;
  /** The record after the change (for a delete, the tombstone); stored as its JSON text (Dates as ISO strings). */
  snapshot: object;
}

export function appendChange(tx: DbOrTx, ctx: ServiceContext, input: AppendChangeInput): number {
  // Raw and prepared once per connection: one runs for every software a sync or harvest writes, and the
  // snapshot is serialised exactly once here (the column's JSON text, as drizzle's json mode would write it).
  const row = rawStatement(
    tx,
    `INSERT INTO "change" (entity_type, entity_id, action, reason, actor, at, snapshot)
      VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  ).get(
    input.entityType,
    input.entityId,
    input.action,
    input.reason ?? null,
    ctx.actor,
    ctx.clock.now().getTime(),
    JSON.stringify(input.snapshot),
  ) as { seq: number };
  return row.seq;
}
