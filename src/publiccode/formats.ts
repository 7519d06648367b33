// Value checks behind the validation tags (URL rules are in url-rules.ts). Each mirrors what the reference accepts,
// not a stricter or looser reading, so verdicts match on real files.
import { parse as parseBcp47 } from "bcp-47";
import { iso6393 } from "iso-639-3";
import parseSpdx from "spdx-expression-parse";
import spdxDeprecated from "spdx-license-ids/deprecated.json" with { type: "json" };
import spdxIds from "spdx-license-ids/index.json" with { type: "json" };
import { ISO_3166_ALPHA2 } from "./data/countries.ts";

export function isCountryCode(value: string): boolean {
  if (value !== value.toLowerCase() && value !== value.toUpperCase()) return false;
  return ISO_3166_ALPHA2.has(value.toUpperCase());
}

// Primary language subtags the IANA registry knows: every ISO 639-3 code and its ISO 639-1 twin.
const knownLanguages: ReadonlySet<string> = new Set(
  iso6393.flatMap((language) => [language.iso6393, ...(language.iso6391 ? [language.iso6391] : [])]),
);
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
const bcp47Cache = new Map<string, boolean>();

/**
 * A well-formed BCP 47 tag whose language and region subtags are known, as the reference's strict check demands
 * ("xxx" is well-formed but unknown). Known language = an ISO 639-1/639-3 code, "und", or the private-use range
 * qaa–qtz; known region = a UN M.49 number or a region the runtime's CLDR data names. The results are memoised
 * (a pure function of the tag; real files repeat the same few tags).
 */
export function isBcp47(tag: string): boolean {
  let known = bcp47Cache.get(tag);
  if (known === undefined) {
    const schema = parseBcp47(tag, { normalize: false });
    const wellFormed = Boolean(
      schema.language || schema.privateuse.length > 0 || schema.irregular || schema.regular,
    );
    const language = schema.language?.toLowerCase();
    const region = schema.region?.toUpperCase();
    known =
      wellFormed &&
      (!language || language === "und" || /^q[a-t][a-z]$/.test(language) || knownLanguages.has(language)) &&
      (!region || /^[0-9]{3}$/.test(region) || regionNames.of(region) !== undefined);
    if (bcp47Cache.size < 10_000) bcp47Cache.set(tag, known);
  }
  return known;
}

const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const isEmail = (value: string): boolean => EMAIL.test(value);

// https://github.com/jshttp/media-typer, as the reference uses it.
const MIME = /^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})\/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$/;
export const isMimeType = (value: string): boolean => MIME.test(value);

/** Go's time.Parse with layout 2006-01-02: exact widths and a day that exists in that month. */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const licenseIdsByLowerCase = new Map([...spdxIds, ...spdxDeprecated].map((id) => [id.toLowerCase(), id]));

/** An SPDX licence expression; identifiers match case-insensitively, as in the reference's SPDX library. */
export function isSpdxExpression(value: string): boolean {
  if (value.trim() === "") return false;
  try {
    parseSpdx(value);
    return true;
  } catch {
    const canonical = value.replace(/[A-Za-z0-9.+-]+/g, (word) => {
      const upper = word.toUpperCase();
      if (upper === "AND" || upper === "OR" || upper === "WITH") return upper;
      const plus = word.endsWith("+");
      const id = licenseIdsByLowerCase.get((plus ? word.slice(0, -1) : word).toLowerCase());
      return id ? `${id}${plus ? "+" : ""}` : word;
    });
    try {
      parseSpdx(canonical);
      return true;
    } catch {
      return false;
    }
  }
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

// Code units that never join a neighbour into one grapheme cluster (apart from CR LF): everything below U+0300
// (ASCII, Latin-1, Latin Extended) and General Punctuation / currency symbols (U+2000–U+20CF: ’ “ ” – € …) except
// the zero-width joiners U+200C and U+200D.
function isSimpleText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x300) continue;
    if (code >= 0x2000 && code <= 0x20cf && code !== 0x200c && code !== 0x200d) continue;
    return false;
  }
  return true;
}

/**
 * Length in user-perceived characters (grapheme clusters), as the standard counts description lengths, counting
 * no further than `limit` (a length rule only needs to know whether the bound is reached).
 */
export function graphemeCount(value: string, limit = Number.POSITIVE_INFINITY): number {
  // Segmenting is the validator's most expensive step; most descriptions are plain Latin text.
  if (isSimpleText(value)) return value.length - (value.match(/\r\n/g)?.length ?? 0);
  let count = 0;
  for (const _ of segmenter.segment(value)) if (++count >= limit) break;
  return count;
}
