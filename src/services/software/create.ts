import type { VerbArgs } from "../context.ts";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors.ts";
import { canonicalInputUrl } from "../lib/canonical.ts";
import { findPublisherRow } from "../publishers/load.ts";
import { insertSoftware } from "./commit.ts";
import { findSoftwareRowByUrl, type Software } from "./load.ts";
import { type CreateSoftwareInput, createSoftwareInput } from "./schemas.ts";
import { type ValidationOutcome, validateBytes } from "./validate.ts";
import { insertVersion, servedColumns } from "./versions.ts";

/** The validator's errors as InvalidInputError fields (the API answers 422 with them). */
export function rejectInvalid(outcome: ValidationOutcome): never {
  const errors = outcome.results.filter((r) => r.severity === "error");
  throw new InvalidInputError(
    "publiccode.yml is not valid",
    errors.map((e) => ({
      field: `publiccodeYml${e.key ? `.${e.key}` : ""}`,
      message: e.line ? `${e.message} (line ${e.line}, column ${e.column})` : e.message,
    })),
  );
}

/**
 * Creates a software from a publiccode.yml given through the API (not the harvester): the file must be valid.
 * ConflictError when the URL (or an alias) already names a software, in any state.
 */
export async function createSoftware({ ctx, input }: VerbArgs<CreateSoftwareInput>): Promise<Software> {
  const data = createSoftwareInput.parse(input);
  const url = canonicalInputUrl(data.url);
  const raw =
    typeof data.publiccodeYml === "string"
      ? Buffer.from(data.publiccodeYml, "utf8")
      : Buffer.from(data.publiccodeYml);
  const outcome = validateBytes(raw);
  if (!outcome.valid || !outcome.document) rejectInvalid(outcome);
  return ctx.db.transaction((tx) => {
    const existing = findSoftwareRowByUrl(tx, url);
    if (existing) throw new ConflictError(`'${url}' is already software '${existing.id}'`);
    const publisher = data.publisherId ? findPublisherRow(tx, data.publisherId) : null;
    if (data.publisherId && !publisher) throw new NotFoundError("publisher", data.publisherId);
    const now = ctx.clock.now();
    const versionId = ctx.newId();
    const served = servedColumns(outcome.document!, null, {
      versionId,
      raw,
      version: outcome.version,
      fetchedAt: now,
      blobSha: null,
    });
    const { software } = insertSoftware(
      tx,
      ctx,
      {
        id: ctx.newId(),
        url,
        publisherId: publisher?.id ?? null,
        state: data.active ? "active" : "suspended",
        ...served,
      },
      "created through the API",
      data.aliases,
    );
    insertVersion(tx, versionId, software.id, {
      raw,
      blobSha: null,
      outcome,
      fetchedAt: now,
      forgeStatus: null,
    });
    return software;
  });
}
