// Parsed columns of a publiccode.yml document (publiccode.yml standard v0.4/v0.5 keys:
// https://yml.publiccode.tools/schema.core.html), for the API and for search. Lenient: the validator has
// already judged the document; here a missing or odd-shaped key just yields null / [].

export interface ExtractedFields {
  name: string | null;
  descriptions: Record<string, { shortDescription?: string; longDescription?: string; features?: string[] }>;
  categories: string[];
  platforms: string[];
  softwareType: string | null;
  developmentStatus: string | null;
  license: string | null;
  languages: string[];
  countries: string[];
  organisationUri: string | null;
  supports: string[];
  isBasedOn: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? [...new Set(v.map(str).filter((s): s is string => s !== null))] : [];

// Country-specific sections are top-level keys named by a lower-case ISO 3166-1 alpha-2 code ("it").
const countrySection = /^[a-z]{2}$/i;

export function extractFields(doc: Record<string, unknown>): ExtractedFields {
  const descriptions: ExtractedFields["descriptions"] = {};
  if (isRecord(doc.description)) {
    for (const [lang, d] of Object.entries(doc.description)) {
      if (!isRecord(d)) continue;
      descriptions[lang] = {
        ...(str(d.shortDescription) ? { shortDescription: str(d.shortDescription)! } : {}),
        ...(str(d.longDescription) ? { longDescription: str(d.longDescription)! } : {}),
        ...(strings(d.features).length ? { features: strings(d.features) } : {}),
      };
    }
  }
  const audience = isRecord(doc.intendedAudience) ? doc.intendedAudience : {};
  const sections = Object.keys(doc).filter((k) => countrySection.test(k) && isRecord(doc[k]));
  const countries = [...new Set([...strings(audience.countries), ...sections].map((c) => c.toUpperCase()))];
  const localisation = isRecord(doc.localisation) ? doc.localisation : {};
  const legal = isRecord(doc.legal) ? doc.legal : {};
  const organisation = isRecord(doc.organisation) ? doc.organisation : {};
  const supports = Array.isArray(doc.supports)
    ? doc.supports.map((s) => (isRecord(s) ? str(s.id) : str(s)))
    : [];
  const basedOn = Array.isArray(doc.isBasedOn) ? str(doc.isBasedOn[0]) : str(doc.isBasedOn);
  return {
    name: str(doc.name),
    descriptions,
    categories: strings(doc.categories),
    platforms: strings(doc.platforms),
    softwareType: str(doc.softwareType),
    developmentStatus: str(doc.developmentStatus),
    license: str(legal.license),
    languages: strings(localisation.availableLanguages),
    countries,
    organisationUri: str(organisation.uri),
    supports: supports.filter((s): s is string => s !== null),
    isBasedOn: basedOn,
  };
}
