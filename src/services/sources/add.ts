import type { CodeHostingRow } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { VerbArgs } from "../context.ts";
import { loadPublisher, publisherSnapshot } from "../publishers/load.ts";
import { insertSource } from "./insert.ts";
import { type AddSourceInput, addSourceInput } from "./schemas.ts";

/** Adds a code-hosting source to a publisher (a publisher "update" change); idempotent for the same URL. */
export async function addSource({ ctx, input }: VerbArgs<AddSourceInput>): Promise<CodeHostingRow> {
  const data = addSourceInput.parse(input);
  return ctx.db.transaction((tx) => {
    const owner = loadPublisher(tx, data.publisherId);
    const countBefore = owner.codeHosting.length;
    const row = insertSource(tx, ctx, owner.id, data);
    const after = loadPublisher(tx, owner.id);
    if (after.codeHosting.length !== countBefore) {
      appendChange(tx, ctx, {
        entityType: "publisher",
        entityId: owner.id,
        action: "update",
        snapshot: publisherSnapshot(after),
      });
    }
    return row;
  });
}
