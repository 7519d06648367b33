import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildFederationJsonSchemas } from "../../../schemas/federation/generate-json-schema.ts";
import { publisherRecord, softwareRecord, tombstoneRecord } from "./factories.ts";

const generated = buildFederationJsonSchemas();

function committed(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../schemas/federation/${file}`, import.meta.url), "utf8"));
}

describe("federation JSON Schema files", () => {
  it.each(Object.keys(generated))("%s matches what the generator produces now", (file) => {
    expect(committed(file)).toEqual(generated[file]);
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(committed("record.schema.json") as object);

  it("accepts the records the zod schema accepts", () => {
    for (const record of [
      softwareRecord(),
      tombstoneRecord(),
      { ...publisherRecord(), signature: "eyJh..c2ln" },
    ]) {
      expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("refuses a record with an unknown key and one with a wrong type", () => {
    expect(validate({ ...softwareRecord(), extra: 1 })).toBe(false);
    expect(validate({ ...softwareRecord(), updatedAt: 5 })).toBe(false);
  });
});
