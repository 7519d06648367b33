import type { VerbArgs } from "../context.ts";
import { InvalidInputError } from "../errors.ts";
import { applyJsonPatch, JsonPatchError } from "../lib/json-patch.ts";
import { loadSoftware, type Software } from "./load.ts";
import { type ApplySoftwareJsonPatchInput, applySoftwareJsonPatchInput, softwarePatch } from "./schemas.ts";
import { patchSoftware } from "./update.ts";

/** The editable view a JSON Patch applies to: the same fields updateSoftware accepts. */
interface EditableSoftware {
  url: string;
  aliases: string[];
  publiccodeYml: string | null;
  active: boolean;
  publisherId: string | null;
  overrides: Record<string, unknown> | null;
}

/**
 * Applies an RFC 6902 JSON Patch to the editable view of a software ({ url, aliases, publiccodeYml, active,
 * publisherId, overrides }) and saves the changed fields through updateSoftware. A failing operation (including
 * "test") is an InvalidInputError and nothing is written.
 */
export async function applySoftwareJsonPatch({
  ctx,
  input,
}: VerbArgs<ApplySoftwareJsonPatchInput>): Promise<Software> {
  const { id, operations } = applySoftwareJsonPatchInput.parse(input);
  // Read outside the write transaction: a concurrent write in between is caught by updateSoftware's own
  // checks at worst; JSON Patch "test" operations are the client's way to guard against it.
  const current = loadSoftware(ctx.db, id);
  const before: EditableSoftware = {
    url: current.url,
    aliases: current.aliases,
    publiccodeYml: current.publiccodeYml,
    active: current.state === "active",
    publisherId: current.publisherId,
    overrides: current.overrides,
  };
  let after: EditableSoftware;
  try {
    after = applyJsonPatch(before, operations);
  } catch (error) {
    if (error instanceof JsonPatchError) {
      throw new InvalidInputError(error.message, [
        { field: `operations[${error.index}]`, message: error.message },
      ]);
    }
    throw error;
  }
  const changed = (k: keyof EditableSoftware) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  const patch = {
    ...(changed("url") ? { url: after.url } : {}),
    ...(changed("aliases") ? { aliases: after.aliases } : {}),
    ...(changed("publiccodeYml") && after.publiccodeYml !== null
      ? { publiccodeYml: after.publiccodeYml }
      : {}),
    ...(changed("active") ? { active: after.active } : {}),
    ...(changed("publisherId") ? { publisherId: after.publisherId } : {}),
    ...(changed("overrides") ? { overrides: after.overrides } : {}),
  };
  const parsed = softwarePatch.safeParse(patch);
  if (!parsed.success) {
    throw new InvalidInputError(
      "the patched software is not valid",
      parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    );
  }
  return ctx.db.transaction((tx) => patchSoftware(tx, ctx, id, parsed.data, { replaceOverrides: true }));
}
