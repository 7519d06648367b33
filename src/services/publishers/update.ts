import { eq } from "drizzle-orm";
import { codeHosting, publisher } from "../../db/schema/index.ts";
import { canonicalUrl } from "../../lib/url.ts";
import { appendChange } from "../changes/append.ts";
import type { VerbArgs } from "../context.ts";
import { insertSource } from "../sources/insert.ts";
import { assertAlternativeIdFree } from "./guards.ts";
import { loadPublisher, type Publisher, publisherSnapshot } from "./load.ts";
import { type UpdatePublisherInput, updatePublisherInput } from "./schemas.ts";

/**
 * Merges a patch into a publisher (absent: kept, null: cleared; codeHosting replaces the set). Appends one
 * "update" change, or none when the patch changes nothing.
 */
export async function updatePublisher({ ctx, input }: VerbArgs<UpdatePublisherInput>): Promise<Publisher> {
  const { id, patch } = updatePublisherInput.parse(input);
  return ctx.db.transaction((tx) => {
    const before = loadPublisher(tx, id);
    if (patch.alternativeId) assertAlternativeIdFree(tx, patch.alternativeId, before.id);
    const { codeHosting: sources, ...fields } = patch;
    const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (sources) {
      const wanted = new Map(sources.map((s) => [canonicalUrl(s.url), s]));
      for (const existing of before.codeHosting) {
        if (!wanted.has(existing.url)) tx.delete(codeHosting).where(eq(codeHosting.id, existing.id)).run();
        else if (wanted.get(existing.url)!.group !== existing.group) {
          tx.update(codeHosting)
            .set({ group: wanted.get(existing.url)!.group })
            .where(eq(codeHosting.id, existing.id))
            .run();
        }
      }
      for (const source of sources) insertSource(tx, ctx, before.id, source);
    }
    if (Object.keys(values).length > 0)
      tx.update(publisher).set(values).where(eq(publisher.id, before.id)).run();
    const after = loadPublisher(tx, before.id);
    if (JSON.stringify(publisherSnapshot(after)) === JSON.stringify(publisherSnapshot(before))) return before;
    tx.update(publisher).set({ updatedAt: ctx.clock.now() }).where(eq(publisher.id, before.id)).run();
    const updated = loadPublisher(tx, before.id);
    appendChange(tx, ctx, {
      entityType: "publisher",
      entityId: before.id,
      action: "update",
      snapshot: publisherSnapshot(updated),
    });
    return updated;
  });
}
