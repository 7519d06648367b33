// Rules that tags cannot express, in the reference's order: reachability (network only), logo and screenshot files,
// deprecated keys and values (warnings), video URLs, the Italian country section. Each entry is a result, or a
// promise of results when a network check was needed, so the sync path and the network path share one order.
import { isItalianIpaCode, matchesOembedScheme } from "./data/lookups.ts";
import { checkFileRef, checkRelativeOrUrl, type FileCheckOptions, type FileKind } from "./file-refs.ts";
import { isCountryCode } from "./formats.ts";
import { isRepositoryUrl } from "./repository-url.ts";
import { errorAt, type ValidationResult, warningAt } from "./result.ts";

export type Slot = ValidationResult | Promise<ValidationResult[]>;
type Obj = Record<string, unknown>;

const DROP_IT = "This key is DEPRECATED and will be removed in the future. It's safe to drop it";
const asObj = (value: unknown): Obj | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
const asStr = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function checkFields(doc: Obj, files: FileCheckOptions): Slot[] {
  const out: Slot[] = [];
  const net = files.network;
  const reach = (key: string, value: unknown) => {
    const url = asStr(value);
    if (!net || url === undefined) return;
    out.push(
      net
        .reachable(url)
        .then((reason) => (reason ? [errorAt(key, `'${url}' not reachable: ${reason}`)] : [])),
    );
  };
  reach("url", doc.url);
  if (net && asStr(doc.url) !== undefined && !isRepositoryUrl(doc.url as string)) {
    out.push(errorAt("url", "is not a valid code repository"));
  }
  reach("landingURL", doc.landingURL);
  reach("roadmap", doc.roadmap);

  const fileRef = (key: string, value: string, kind: FileKind, wrap: (reason: string) => string) => {
    const gate = checkRelativeOrUrl(value);
    if (gate) return void out.push(errorAt(key, gate));
    const verdict = checkFileRef(value, kind, files);
    if (typeof verdict === "string") out.push(errorAt(key, wrap(verdict)));
    else if (verdict) out.push(verdict.then((reason) => (reason ? [errorAt(key, wrap(reason))] : [])));
  };
  const logo = asStr(doc.logo);
  if (logo) fileRef("logo", logo, "logo", (r) => r);
  const mono = asStr(doc.monochromeLogo);
  if (mono) {
    out.push(
      warningAt(
        "monochromeLogo",
        "This key is DEPRECATED and will be removed in the future. Use 'logo' instead",
      ),
    );
    fileRef("monochromeLogo", mono, "logo", (r) => r);
  }

  const audience = asObj(doc.intendedAudience);
  for (const list of ["countries", "unsupportedCountries"] as const) {
    for (const [i, code] of asList(audience?.[list]).entries()) {
      if (typeof code === "string" && isCountryCode(code) && code === code.toLowerCase()) {
        const upper = code.toUpperCase();
        out.push(
          warningAt(
            `intendedAudience.${list}[${i}]`,
            `Lowercase country codes are DEPRECATED. Use uppercase instead ('${upper}')`,
          ),
        );
      }
    }
  }

  const legal = asObj(doc.legal) ?? {};
  const authors = asStr(legal.authorsFile);
  if (authors !== undefined) {
    out.push(warningAt("legal.authorsFile", DROP_IT));
    fileRef("legal.authorsFile", authors, "file", (r) => `'${fileOfReason(r)}' does not exist: ${r}`);
  }
  if (legal.repoOwner !== undefined) {
    out.push(
      warningAt(
        "legal.repoOwner",
        "This key is DEPRECATED and will be removed in the future. Use 'organisation.name' instead",
      ),
    );
  }
  if (doc.inputTypes !== undefined) out.push(warningAt("inputTypes", DROP_IT));
  if (doc.outputTypes !== undefined) out.push(warningAt("outputTypes", DROP_IT));

  for (const [lang, value] of Object.entries(asObj(doc.description) ?? {})) {
    const desc = asObj(value) ?? {};
    const prefix = `description.${lang}`;
    if (asStr(desc.genericName)) out.push(warningAt(`${prefix}.genericName`, DROP_IT));
    reach(`${prefix}.documentation`, desc.documentation);
    reach(`${prefix}.apiDocumentation`, desc.apiDocumentation);
    for (const [i, shot] of asList(desc.screenshots).entries()) {
      const s = String(shot);
      fileRef(`${prefix}.screenshots[${i}]`, s, "image", (r) => `'${s}' is not an image: ${r}`);
    }
    for (const [i, video] of asList(desc.videos).entries()) {
      if (typeof video === "string" && !matchesOembedScheme(video)) {
        out.push(
          errorAt(
            `${prefix}.videos[${i}]`,
            `'${video}' is not a valid video URL supporting oEmbed: invalid oEmbed link: ${video}`,
          ),
        );
      }
    }
  }
  checkItalianSection(doc, out);
  return out;
}

/** The path or URL a failure reason names (the reference prints it before "does not exist"). */
const fileOfReason = (reason: string): string =>
  /^no such file: (.*)$/.exec(reason)?.[1] ?? /^HTTP GET failed for (\S+?):? /.exec(reason)?.[1] ?? reason;

function checkItalianSection(doc: Obj, out: Slot[]): void {
  let it = asObj(doc.IT);
  const lower = asObj(doc.it);
  if (lower) {
    out.push(
      warningAt(
        "it",
        "Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead",
      ),
    );
    it = lower;
  }
  if (doc.IT !== undefined && lower) {
    out.push(errorAt("it", "'IT' key already present. Remove this key"));
    it = asObj(doc.IT);
  }
  if (!it) return;
  if (it.conforme !== undefined) out.push(warningAt("IT.conforme", DROP_IT));
  const ipa = asStr(asObj(it.riuso)?.codiceIPA);
  if (ipa && isItalianIpaCode(ipa)) {
    out.push(
      warningAt(
        "IT.riuso.codiceIPA",
        `This key is DEPRECATED and will be removed in the future. Use 'organisation.uri' and set it to 'urn:x-italian-pa:${ipa}' instead`,
      ),
    );
  }
}
