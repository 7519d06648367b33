// The outcome beyond results: typed document, normalised form, version, strictness switch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml, validatePubliccodeSync } from "../../../src/publiccode/index.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/parser-go/testdata/v0");
const read = (path: string) => readFileSync(join(FIXTURES, path), "utf8");
const bytes = (text: string) => new TextEncoder().encode(text);
const MINIMAL = read("valid/valid.minimal.yml");

describe("validation outcome", () => {
  it("returns the typed document of a valid file", () => {
    const outcome = validatePubliccodeSync(bytes(MINIMAL));
    expect(outcome).toMatchObject({ valid: true, version: "0", results: [] });
    expect(outcome.document?.name).toBe("Medusa");
    expect(outcome.document?.maintenance?.contacts?.[0]?.name).toBe("Francesco Rossi");
    expect(outcome.document?.localisation).toEqual({ localisationReady: true, availableLanguages: ["en"] });
  });

  it("maps deprecated keys in the normalised form and renders it as YAML", () => {
    const outcome = validatePubliccodeSync(
      bytes(read("valid_with_warnings/valid_with_country_specific_section_downcase.yml")),
    );
    expect(outcome.valid).toBe(true);
    const normalized = outcome.normalized as Record<string, unknown>;
    expect(normalized.it).toBeUndefined();
    expect(normalized.IT).toEqual(outcome.document?.it);
    expect(parse(toYaml(normalized))).toEqual(normalized);
  });

  it("turns a deprecated codiceIPA into organisation.uri and upper-cases countries", () => {
    const text =
      `${MINIMAL}\nintendedAudience:\n  countries: [it]\nIT:\n  riuso:\n    codiceIPA: pcm\n`.replace(
        'publiccodeYmlVersion: "0"',
        'publiccodeYmlVersion: "0.2"',
      );
    const outcome = validatePubliccodeSync(bytes(text));
    expect(outcome.version).toBe("0.2");
    expect(outcome.normalized).toMatchObject({
      publiccodeYmlVersion: "0",
      organisation: { uri: "urn:x-italian-pa:pcm" },
      intendedAudience: { countries: ["IT"] },
    });
    expect(outcome.results.map((r) => r.key)).toEqual([
      "publiccodeYmlVersion",
      "intendedAudience.countries[0]",
      "IT.riuso.codiceIPA",
    ]);
  });

  it("keeps the part of a broken file that decoded", () => {
    const outcome = validatePubliccodeSync(
      bytes(MINIMAL.replace("developmentStatus: development", "developmentStatus: []")),
    );
    expect(outcome.valid).toBe(false);
    expect(outcome.document?.name).toBe("Medusa");
    expect(outcome.document?.developmentStatus).toBeUndefined();
  });

  it("returns no document for bytes that are not YAML", () => {
    const outcome = validatePubliccodeSync(bytes("a: [unclosed\n"));
    expect(outcome).toMatchObject({ valid: false, version: null, document: null, normalized: null });
  });

  it("keeps numbers' digits when a string field gets a number", () => {
    const outcome = validatePubliccodeSync(bytes(MINIMAL.replace("name: Medusa", "name: 007")));
    expect(outcome.document?.name).toBe("007");
  });
});

describe("strictness", () => {
  const withPlatformScalar = MINIMAL.replace("platforms:\n  - web", "platforms: web");
  const jpegShot = MINIMAL.replace("    features:", "    screenshots:\n      - shot.jpeg\n    features:");
  const secondLanguage = `${MINIMAL.replace("legal:", "  it:\n    shortDescription: Breve\n    features: [Una]\n\nlegal:")}`;

  it.each([
    { name: "a scalar platforms", text: withPlatformScalar, key: "platforms" },
    { name: "a .jpeg screenshot", text: jpegShot, key: "description.en-GB.screenshots[0]" },
    {
      name: "a language without longDescription",
      text: secondLanguage,
      key: "description.it.longDescription",
    },
  ])(
    "rejects $name by default, as the reference does, and accepts it with strictness standard",
    ({ text, key }) => {
      const reference = validatePubliccodeSync(bytes(text));
      expect(reference.valid).toBe(false);
      expect(reference.results.map((r) => r.key)).toContain(key);
      expect(validatePubliccodeSync(bytes(text), { strictness: "standard" }).results).toEqual([]);
    },
  );
});
