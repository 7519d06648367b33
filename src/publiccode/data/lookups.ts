// Larger vocabularies kept as data files beside this module and loaded once, on first use.
// ipa-codes.txt: Italian public-administration codes (iPA), one a line; oembed-schemes.json: URL patterns of
// oEmbed video providers. Both come from italia/publiccode-parser-go (EUPL-1.2), see data/SOURCE.md.
import { readFileSync } from "node:fs";

let ipaCodes: Set<string> | undefined;
let oembedPatterns: RegExp[] | undefined;

export function isItalianIpaCode(code: string): boolean {
  ipaCodes ??= new Set(
    readFileSync(new URL("./ipa-codes.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ""),
  );
  return ipaCodes.has(code.toLowerCase());
}

/** True when the link matches a provider pattern (`*` is a wildcard), the reference's oEmbed rule. */
export function matchesOembedScheme(link: string): boolean {
  oembedPatterns ??= (
    JSON.parse(readFileSync(new URL("./oembed-schemes.json", import.meta.url), "utf8")) as string[]
  ).map((scheme) => new RegExp(`^${scheme.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("\\*", ".*")}$`));
  return oembedPatterns.some((pattern) => pattern.test(link));
}
