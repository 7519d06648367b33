import { eq } from "drizzle-orm";
import { publisher } from "../../db/schema/index.ts";
import type { DbOrTx } from "../context.ts";
import { ConflictError } from "../errors.ts";

/** alternativeId is unique, and must not shadow another publisher's id either (getPublisher accepts both). */
export function assertAlternativeIdFree(tx: DbOrTx, alternativeId: string, exceptId?: string): void {
  const taken =
    tx.select({ id: publisher.id }).from(publisher).where(eq(publisher.alternativeId, alternativeId)).get() ??
    tx.select({ id: publisher.id }).from(publisher).where(eq(publisher.id, alternativeId)).get();
  if (taken && taken.id !== exceptId) {
    throw new ConflictError(`alternativeId '${alternativeId}' is already used by publisher '${taken.id}'`);
  }
}
