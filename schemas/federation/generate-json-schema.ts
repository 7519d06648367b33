// Writes the JSON Schema files of the federation documents from their zod definitions, so implementers in other
// languages validate against exactly what this catalogue enforces. Run: npx tsx schemas/federation/generate-json-schema.ts
// then `npx biome format --write schemas/federation/*.json` (the committed style); the test
// test/unit/federation/json-schema.test.ts fails when a committed file no longer matches the zod definitions.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { catalogueDescriptorSchema, feedPageSchema } from "./descriptor.ts";
import { federationRecordSchema } from "./record.ts";

const BASE_ID = "https://publiccode-catalogue.example/schemas/federation";

/** The JSON Schema documents, keyed by file name. Limits enforced in code (JSON depth) are noted in the docs. */
export function buildFederationJsonSchemas(): Record<string, unknown> {
  const schema = (id: string, title: string, type: z.ZodType) => ({
    ...z.toJSONSchema(type, { target: "draft-2020-12", io: "input" }),
    $id: `${BASE_ID}/${id}`,
    title,
  });
  return {
    "record.schema.json": schema("record.schema.json", "Federation record", federationRecordSchema),
    "descriptor.schema.json": schema(
      "descriptor.schema.json",
      "Catalogue descriptor",
      catalogueDescriptorSchema,
    ),
    "feed-page.schema.json": schema("feed-page.schema.json", "Change-feed page", feedPageSchema),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, document] of Object.entries(buildFederationJsonSchemas())) {
    writeFileSync(new URL(file, import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
  }
}
