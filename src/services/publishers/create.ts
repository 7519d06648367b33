import { publisher } from "../../db/schema/index.ts";
import { appendChange } from "../changes/append.ts";
import type { VerbArgs } from "../context.ts";
import { insertSource } from "../sources/insert.ts";
import { assertAlternativeIdFree } from "./guards.ts";
import { loadPublisher, type Publisher, publisherSnapshot } from "./load.ts";
import { type CreatePublisherInput, createPublisherInput } from "./schemas.ts";

/** Creates a publisher and its code-hosting sources; appends one "create" change. */
export async function createPublisher({ ctx, input }: VerbArgs<CreatePublisherInput>): Promise<Publisher> {
  const data = createPublisherInput.parse(input);
  return ctx.db.transaction((tx) => {
    if (data.alternativeId) assertAlternativeIdFree(tx, data.alternativeId);
    const now = ctx.clock.now();
    const id = ctx.newId();
    tx.insert(publisher)
      .values({
        id,
        name: data.name ?? data.description!.trim().slice(0, 500),
        alternativeId: data.alternativeId ?? null,
        country: data.country ?? null,
        email: data.email ?? null,
        description: data.description ?? null,
        active: data.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    for (const source of data.codeHosting) insertSource(tx, ctx, id, source);
    const created = loadPublisher(tx, id);
    appendChange(tx, ctx, {
      entityType: "publisher",
      entityId: id,
      action: "create",
      snapshot: publisherSnapshot(created),
    });
    return created;
  });
}
