// Appends one change-log row. Called by every verb that creates, updates or deletes a software or publisher,
// with the verb's transaction handle, so the write and its change row commit (or roll back) together.
import { sql } from "drizzle-orm";
import { type ChangeAction, type ChangeEntity, change } from "../../db/schema/index.ts";
import { cachedStatement } from "../../db/statement-cache.ts";
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
  // One insert per change row written: prepared once per connection (drizzle still maps the values).
  const insert = cachedStatement(tx, "change.insert", () =>
    tx
      .insert(change)
      .values({
        entityType: sql.placeholder("entityType"),
        entityId: sql.placeholder("entityId"),
        action: sql.placeholder("action"),
        reason: sql.placeholder("reason"),
        actor: sql.placeholder("actor"),
        at: sql.placeholder("at"),
        snapshot: sql.placeholder("snapshot"),
      })
      .returning({ seq: change.seq })
      .prepare(),
  );
  const row = insert.get({
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    reason: input.reason ?? null,
    actor: ctx.actor,
    at: ctx.clock.now(),
    snapshot: input.snapshot,
  })!;
  return row.seq;
}
