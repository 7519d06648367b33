import type { VerbArgs } from "../context.ts";
import { loadPublisher, type Publisher } from "./load.ts";
import { type PublisherIdInput, publisherIdInput } from "./schemas.ts";

/** Gets a publisher by id or alternativeId; NotFoundError otherwise. */
export async function getPublisher({ ctx, input }: VerbArgs<PublisherIdInput>): Promise<Publisher> {
  const { id } = publisherIdInput.parse(input);
  return loadPublisher(ctx.db, id);
}
