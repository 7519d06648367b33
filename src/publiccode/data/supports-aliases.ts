// Aliases accepted in `supports[].id` as `alias:<name>` (standard 0.5+).
// @see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst

export const SUPPORTS_ALIASES: ReadonlySet<string> = new Set([
  "gdpr",
  "eidas",
  "nis2",
  "cra",
  "spid",
  "cie",
  "anpr",
  "pagopa",
  "io",
]);
