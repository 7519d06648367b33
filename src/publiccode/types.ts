// The typed publiccode.yml document (standard 0.x up to 0.7, deprecated keys included). Every field is optional
// because an invalid file still yields the part that decoded; `valid` on the outcome says whether to trust it.
// @see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/schema.core.rst

export interface Organisation {
  name?: string;
  uri?: string;
}

export interface Description {
  localisedName?: string;
  /** Deprecated. */
  genericName?: string;
  shortDescription?: string;
  longDescription?: string;
  documentation?: string;
  apiDocumentation?: string;
  features?: string[];
  screenshots?: string[];
  videos?: (string | null)[];
  awards?: string[];
}

export interface Contractor {
  name?: string;
  email?: string;
  website?: string;
  until?: string;
}

export interface Contact {
  name?: string;
  email?: string;
  affiliation?: string;
  phone?: string;
}

export interface Dependency {
  name?: string;
  versionMin?: string;
  versionMax?: string;
  optional?: boolean;
  version?: string;
}

/** The Italian country section (`IT`; `it` is its deprecated spelling). */
export interface ItalianSection {
  countryExtensionVersion?: string;
  /** Deprecated. */
  conforme?: {
    lineeGuidaDesign?: boolean;
    modelloInteroperabilita?: boolean;
    misureMinimeSicurezza?: boolean;
    gdpr?: boolean;
  };
  /** `codiceIPA` is deprecated in favour of `organisation.uri`. */
  riuso?: { codiceIPA?: string };
  piattaforme?: { spid?: boolean; pagopa?: boolean; cie?: boolean; anpr?: boolean; io?: boolean };
}

export interface PublicCode {
  publiccodeYmlVersion?: string;
  name?: string;
  applicationSuite?: string;
  url?: string;
  landingURL?: string;
  isBasedOn?: string[];
  softwareVersion?: string;
  releaseDate?: string;
  logo?: string;
  /** Deprecated: use `logo`. */
  monochromeLogo?: string;
  organisation?: Organisation;
  /** Deprecated. */
  inputTypes?: string[];
  /** Deprecated. */
  outputTypes?: string[];
  platforms?: string[];
  categories?: string[];
  usedBy?: string[];
  fundedBy?: Organisation[];
  roadmap?: string;
  developmentStatus?: string;
  softwareType?: string;
  supports?: { id?: string }[];
  intendedAudience?: { scope?: string[]; countries?: string[]; unsupportedCountries?: string[] };
  description?: Record<string, Description>;
  legal?: {
    license?: string;
    mainCopyrightOwner?: string;
    /** Deprecated: use `organisation.name`. */
    repoOwner?: string;
    /** Deprecated. */
    authorsFile?: string;
  };
  maintenance?: { type?: string; contractors?: Contractor[]; contacts?: Contact[] };
  localisation?: { localisationReady?: boolean; availableLanguages?: string[] };
  dependsOn?: { open?: Dependency[]; proprietary?: Dependency[]; hardware?: Dependency[] };
  IT?: ItalianSection;
  /** Deprecated spelling of `IT`. */
  it?: ItalianSection;
}
