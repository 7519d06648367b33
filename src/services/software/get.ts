import type { VerbArgs } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { aliasesOf, findSoftwareRowByUrl, loadSoftware, type Software, toSoftware } from "./load.ts";
import {
  type FindSoftwareByUrlInput,
  findSoftwareByUrlInput,
  type SoftwareIdInput,
  softwareIdInput,
} from "./schemas.ts";

/** Gets a software by id, in any state (callers decide what a withdrawn one looks like). */
export async function getSoftware({ ctx, input }: VerbArgs<SoftwareIdInput>): Promise<Software> {
  return loadSoftware(ctx.db, softwareIdInput.parse(input).id);
}

/** Finds a software by its URL or any alias (canonicalised), in any state; null when none. */
export async function findSoftwareByUrl({
  ctx,
  input,
}: VerbArgs<FindSoftwareByUrlInput>): Promise<Software | null> {
  const row = findSoftwareRowByUrl(ctx.db, canonicalInputUrl(findSoftwareByUrlInput.parse(input).url));
  return row ? toSoftware(row, aliasesOf(ctx.db, row.id)) : null;
}

/** Like findSoftwareByUrl, but NotFoundError when none. */
export async function getSoftwareByUrl({ ctx, input }: VerbArgs<FindSoftwareByUrlInput>): Promise<Software> {
  const found = await findSoftwareByUrl({ ctx, input });
  if (!found) throw new NotFoundError("software", input.url);
  return found;
}
