// One entry per validation tag used by the schema: when a value passes, and the message when it does not.
// Messages are the reference validator's (go-playground/validator English translations and its own).
import { CATEGORIES } from "./data/categories.ts";
import { isItalianIpaCode } from "./data/lookups.ts";
import { SCOPES } from "./data/scopes.ts";
import {
  graphemeCount,
  isBcp47,
  isCountryCode,
  isDate,
  isEmail,
  isMimeType,
  isSpdxExpression,
} from "./formats.ts";
import { isHttpUrl, isOrganisationUri, isSupportsId, isUrl } from "./url-rules.ts";

const STANDARD_DOCS = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard";
const IPA_VOCABULARY = "https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary";

interface TagRule {
  check: (value: unknown, param: string) => boolean;
  message: (field: string, param: string, value: unknown) => string;
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const sizeOf = (value: unknown): number =>
  Array.isArray(value)
    ? value.length
    : typeof value === "object" && value
      ? Object.keys(value).length
      : str(value).length;
const simple = (check: (value: string) => boolean, text: string): TagRule => ({
  check: (value) => check(str(value)),
  message: (field) => `${field} ${text}`,
});

function quoteChoices(param: string): string {
  const parts = param.split(/\s+/).map((p) => `"${p}"`);
  const last = parts.pop() ?? "";
  return parts.length > 0 ? `${parts.join(", ")} or ${last}` : last;
}

export const TAG_RULES: Record<string, TagRule> = {
  gt: {
    check: (value, param) => sizeOf(value) > Number(param),
    message: (field, param, value) =>
      typeof value === "string"
        ? `${field} must be greater than ${param} characters in length`
        : `${field} must contain more than ${param} items`,
  },
  oneof: {
    check: (value, param) => param.split(/\s+/).includes(str(value)),
    message: (field, param) => `${field} must be one of the following: ${quoteChoices(param)}`,
  },
  umax: {
    // UTF-16 length bounds the cluster count from above: short strings need no segmenting.
    check: (value, param) =>
      str(value).length <= Number(param) || graphemeCount(str(value), Number(param) + 1) <= Number(param),
    message: (field, param) => `${field} must be a maximum of ${param} characters in length`,
  },
  umin: {
    check: (value, param) =>
      str(value).length >= Number(param) && graphemeCount(str(value), Number(param)) >= Number(param),
    message: (field, param) => `${field} must be at least ${param} characters in length`,
  },
  url_url: simple(isUrl, "must be a valid URL"),
  url_http_url: simple(isHttpUrl, "must be an HTTP URL"),
  date: simple(isDate, "must be a date with format 'YYYY-MM-DD'"),
  email: simple(isEmail, "must be a valid email address"),
  is_mime_type: simple(isMimeType, "is not a valid MIME type"),
  iso3166_1_alpha2_lower_or_upper: simple(
    isCountryCode,
    "must be a valid ISO 3166-1 alpha-2 two-letter country code",
  ),
  bcp47_strict_language_tag: simple(isBcp47, "must be a valid BCP 47 language"),
  bcp47_keys: {
    check: (value) => Object.keys(value ?? {}).every(isBcp47),
    message: (field) => `${field} must be a valid BCP 47 language`,
  },
  is_spdx_expression: simple(isSpdxExpression, "must be a valid license (see https://spdx.org/licenses)"),
  is_category_v0: simple(
    (v) => CATEGORIES.has(v),
    `must be a valid category (see ${STANDARD_DOCS}/categories-list.rst)`,
  ),
  is_scope_v0: simple((v) => SCOPES.has(v), `must be a valid scope (see ${STANDARD_DOCS}/scope-list.rst)`),
  is_italian_ipa_code: simple(
    isItalianIpaCode,
    `must be a valid Italian Public Administration Code (iPA) (see ${IPA_VOCABULARY})`,
  ),
  organisation_uri: {
    check: (value) => isOrganisationUri(str(value)),
    message: (field, _param, value) =>
      str(value).startsWith("urn:x-italian-pa:")
        ? `${field} must be a valid Italian Public Administration Code (iPA) with format 'urn:x-italian-pa:[codiceIPA]' (see ${IPA_VOCABULARY})`
        : `${field} is not a valid URI`,
  },
  supports_id: {
    check: (value) => isSupportsId(str(value)),
    message: (field, _param, value) =>
      str(value).startsWith("alias:")
        ? `${field} contains an unknown alias (see ${STANDARD_DOCS}/aliases-list.rst)`
        : `${field} must be a known alias ('alias:<name>') or a valid URI (URL or URN)`,
  },
};
