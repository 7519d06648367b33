import { eq } from "drizzle-orm";
import { codeHosting } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { loadPublisher, publisherSnapshot } from "../publishers/load.ts";
import { type RemoveSourceInput, removeSourceInput } from "./schemas.ts";

/** Removes a code-hosting source (a publisher "update" change). */
export async function removeSource({ ctx, input }: VerbArgs<RemoveSourceInput>): Promise<void> {
  const { id } = removeSourceInput.parse(input);
  ctx.db.transaction((tx) => {
    const row = tx.select().from(codeHosting).where(eq(codeHosting.id, id)).get();
    if (!row) throw new NotFoundError("code hosting", id);
    tx.delete(codeHosting).where(eq(codeHosting.id, id)).run();
    const owner = loadPublisher(tx, row.publisherId);
    appendChange(tx, ctx, {
      entityType: "publisher",
      entityId: owner.id,
      action: "update",
      snapshot: publisherSnapshot(owner),
    });
  });
}
