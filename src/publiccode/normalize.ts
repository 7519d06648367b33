// The normalised form of a document: deprecated keys mapped to their successors (it → IT, codiceIPA → organisation,
// repoOwner → organisation.name, monochromeLogo → logo), lowercase country codes upper-cased, the version written in
// its major form "0" (every 0.x is read with the latest rules). JSON-able; toYaml() renders it.
import { stringify } from "yaml";
import type { PublicCode } from "./types.ts";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function normalizeDocument(document: PublicCode): PublicCode {
  const out = clone(document);
  if (out.publiccodeYmlVersion?.startsWith("0")) out.publiccodeYmlVersion = "0";
  if (out.it) {
    out.IT ??= out.it;
    delete out.it;
  }
  const ipa = out.IT?.riuso?.codiceIPA;
  if (ipa && !out.organisation) {
    out.organisation = { uri: `urn:x-italian-pa:${ipa}` };
    if (out.legal?.repoOwner) out.organisation.name = out.legal.repoOwner;
  }
  if (out.legal?.repoOwner) {
    if (!out.organisation) out.organisation = { name: out.legal.repoOwner };
    delete out.legal.repoOwner;
  }
  if (out.monochromeLogo) {
    out.logo ??= out.monochromeLogo;
    delete out.monochromeLogo;
  }
  const audience = out.intendedAudience;
  if (audience?.countries) audience.countries = audience.countries.map((c) => c.toUpperCase());
  if (audience?.unsupportedCountries)
    audience.unsupportedCountries = audience.unsupportedCountries.map((c) => c.toUpperCase());
  return out;
}

/** The normalised form as YAML text. */
export function toYaml(normalized: unknown): string {
  return stringify(normalized, { lineWidth: 0 });
}
