import { eq, sql } from "drizzle-orm";
import { publisher } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { VerbArgs } from "../context.ts";
import { deleteFacets } from "../search/index-software.ts";
import { loadPublisher } from "./load.ts";
import { type PublisherIdInput, publisherIdInput } from "./schemas.ts";

/**
 * Deletes a publisher and its code-hosting sources (cascade). Its software stays in the catalogue with no
 * publisher. Appends a "delete" change whose snapshot is the tombstone.
 */
export async function deletePublisher({ ctx, input }: VerbArgs<PublisherIdInput>): Promise<void> {
  const { id } = publisherIdInput.parse(input);
  ctx.db.transaction((tx) => {
    const existing = loadPublisher(tx, id);
    tx.delete(publisher).where(eq(publisher.id, existing.id)).run();
    // Its software keeps existing (publisher_id set null by the foreign key); drop the search facet with it.
    deleteFacets(tx, sql`facet = 'publisher' AND value = ${existing.id}`);
    appendChange(tx, ctx, {
      entityType: "publisher",
      entityId: existing.id,
      action: "delete",
      snapshot: { id: existing.id, deleted: true, deletedAt: ctx.clock.now().toISOString() },
    });
  });
}
