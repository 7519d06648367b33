// The shape of a publiccode.yml v0.x document (standard up to 0.7) as data: field order, Go-like kinds and the
// validation tags the reference validator applies. Decoding, validation and result order all follow this table.
// @see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/schema.core.rst

export type Kind =
  | { kind: "string" }
  | { kind: "bool" }
  | { kind: "url" }
  | { kind: "urlOrUrls" }
  | { kind: "list"; of: Kind }
  | { kind: "map"; of: Kind }
  | { kind: "struct"; fields: Field[] };

export interface Field {
  name: string;
  type: Kind;
  /** Absent means nil (Go pointer, slice or map) rather than a zero value (string, bool, struct). */
  nilable: boolean;
  /** Comma-separated rules, evaluated in order; `dive` applies the rest to each element. */
  tags: string;
}

const str: Kind = { kind: "string" };
const bool: Kind = { kind: "bool" };
const url: Kind = { kind: "url" };
const list = (of: Kind): Kind => ({ kind: "list", of });
const struct = (...fields: Field[]): Kind => ({ kind: "struct", fields });
const f = (name: string, type: Kind, tags = "", nilable = true): Field => ({ name, type, nilable, tags });
/** A field that is a plain value in Go: absent and empty are the same. */
const v = (name: string, type: Kind, tags = ""): Field => f(name, type, tags, false);

const organisation = struct(f("name", str), v("uri", str, "required,organisation_uri"));
const dependency = struct(
  v("name", str, "required,gt=0"),
  f("versionMin", str),
  f("versionMax", str),
  f("optional", bool),
  f("version", str),
);
const description = struct(
  f("localisedName", str),
  v("genericName", str, "umax=35"),
  v("shortDescription", str, "required,umax=150"),
  v("longDescription", str, "required,umin=150,umax=10000"),
  f("documentation", url, "omitnil,url_http_url"),
  f("apiDocumentation", url, "omitnil,url_http_url"),
  f("features", list(str), "gt=0,dive"),
  f("screenshots", list(str)),
  f("videos", list(url), "dive,omitnil,url_http_url"),
  f("awards", list(str)),
);
const italy = struct(
  f("countryExtensionVersion", str, "omitnil,oneof=0.2 1.0"),
  f(
    "conforme",
    struct(
      f("lineeGuidaDesign", bool),
      f("modelloInteroperabilita", bool),
      f("misureMinimeSicurezza", bool),
      f("gdpr", bool),
    ),
  ),
  v("riuso", struct(v("codiceIPA", str, "omitempty,is_italian_ipa_code"))),
  v(
    "piattaforme",
    struct(v("spid", bool), v("pagopa", bool), v("cie", bool), v("anpr", bool), v("io", bool)),
  ),
);

export const PUBLICCODE_V0: Kind = struct(
  v(
    "publiccodeYmlVersion",
    str,
    "required,oneof=0 0.2 0.2.0 0.2.1 0.2.2 0.3 0.3.0 0.4 0.4.0 0.5 0.5.0 0.7 0.7.0",
  ),
  v("name", str, "required"),
  v("applicationSuite", str),
  f("url", url, "required,url_url"),
  f("landingURL", url, "omitnil,url_http_url"),
  f("isBasedOn", { kind: "urlOrUrls" }, "omitempty,dive,url_url"),
  v("softwareVersion", str),
  f("releaseDate", str, "omitnil,date"),
  f("logo", str),
  f("monochromeLogo", str),
  f("organisation", organisation),
  f("inputTypes", list(str), "omitempty,dive,is_mime_type"),
  f("outputTypes", list(str), "omitempty,dive,is_mime_type"),
  f("platforms", list(str), "gt=0"),
  f("categories", list(str), "omitempty,dive,is_category_v0"),
  f("usedBy", list(str)),
  f("fundedBy", list(organisation), "omitempty,dive"),
  f("roadmap", url, "omitnil,url_http_url"),
  v("developmentStatus", str, "required,oneof=concept development beta stable obsolete"),
  v(
    "softwareType",
    str,
    "required,oneof=standalone/mobile standalone/iot standalone/desktop standalone/web standalone/backend standalone/other addon library configurationFiles",
  ),
  f("supports", list(struct(v("id", str, "required,supports_id"))), "omitempty,dive"),
  f(
    "intendedAudience",
    struct(
      f("scope", list(str), "omitempty,dive,is_scope_v0"),
      f("countries", list(str), "omitempty,dive,iso3166_1_alpha2_lower_or_upper"),
      f("unsupportedCountries", list(str), "omitempty,dive,iso3166_1_alpha2_lower_or_upper"),
    ),
  ),
  f("description", { kind: "map", of: description }, "gt=0,bcp47_keys,dive"),
  v(
    "legal",
    struct(
      v("license", str, "required,is_spdx_expression"),
      f("mainCopyrightOwner", str),
      f("repoOwner", str),
      f("authorsFile", str),
    ),
  ),
  v(
    "maintenance",
    struct(
      v("type", str, "required,oneof=internal contract community none"),
      f(
        "contractors",
        list(
          struct(
            v("name", str, "required"),
            f("email", str, "omitempty,email"),
            f("website", url, "omitnil,url_http_url"),
            v("until", str, "required,date"),
          ),
        ),
        "required_if=type contract,excluded_unless=type contract,omitempty,dive",
      ),
      f(
        "contacts",
        list(
          struct(
            v("name", str, "required"),
            f("email", str, "omitempty,email"),
            f("affiliation", str),
            f("phone", str),
          ),
        ),
        "required_if=type community,required_if=type internal,omitempty,dive",
      ),
    ),
  ),
  v(
    "localisation",
    struct(
      f("localisationReady", bool, "required"),
      f("availableLanguages", list(str), "required,gt=0,dive,bcp47_strict_language_tag"),
    ),
  ),
  f(
    "dependsOn",
    struct(
      f("open", list(dependency), "omitempty,dive"),
      f("proprietary", list(dependency), "omitempty,dive"),
      f("hardware", list(dependency), "omitempty,dive"),
    ),
  ),
  f("IT", italy),
  f("it", italy),
);
