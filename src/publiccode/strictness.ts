// The `strictness: "standard"` switch: where the reference is stricter than the standard's text, read the standard.
// - `platforms` may be a single string (the reference demands a list);
// - `longDescription` is needed in at least one language, not in every one;
// - `.jpeg` screenshots are images too (handled in file-refs through extraImageExtensions).
// @see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/schema.core.rst
import type { DecodeOptions } from "./decode.ts";
import type { ValidationResult } from "./result.ts";
import type { PublicCode } from "./types.ts";

export const STANDARD_DECODE_OPTIONS: DecodeOptions = { scalarAsList: new Set(["platforms"]) };

const LONG_DESCRIPTION_MISSING =
  /^description\.[^.]+\.longDescription$|^description\[[^\]]+\]\.longDescription$/;

export function applyStandardReading(
  results: ValidationResult[],
  document: PublicCode | null,
): ValidationResult[] {
  const descriptions = Object.values(document?.description ?? {});
  const someLanguageHasIt = descriptions.some(
    (d) => typeof d?.longDescription === "string" && d.longDescription !== "",
  );
  if (!someLanguageHasIt) return results;
  return results.filter(
    (r) => !(LONG_DESCRIPTION_MISSING.test(r.key) && r.message === "longDescription is a required field"),
  );
}
