// Appends one change-log row. Called by every verb that creates, updates or deletes a software or publisher,
// with the verb's transaction handle, so the write and its change row commit (or roll back) together.
import { type ChangeAction, type ChangeEntity, change } from "../../db/schema/index.ts";
import type { DbOrTx, ServiceContext } from "../context.ts";

export interface AppendChangeInput {
  entityType: ChangeEntity;
  entityId: string;
  action: ChangeAction;
  reason?: string | null;
  /** The record after the change; for a delete, the tombstone. */
  snapshot: Record<string, unknown>;
}

export function appendChange(tx: DbOrTx, ctx: ServiceContext, input: AppendChangeInput): number {
  const row = tx
    .insert(change)
    .values({
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      reason: input.reason ?? null,
      actor: ctx.actor,
      at: ctx.clock.now(),
      snapshot: input.snapshot,
    })
    .returning({ seq: change.seq })
    .get();
  return row.seq;
}
