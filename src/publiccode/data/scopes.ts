// Scopes of the publiccode.yml standard (`intendedAudience.scope`).
// @see https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst

export const SCOPES: ReadonlySet<string> = new Set(
  `agriculture culture defence education emergency-services employment energy environment
  finance-and-economic-development foreign-affairs government healthcare infrastructures justice local-authorities
  manufacturing research science-and-technology security society sport tourism transportation welfare`.split(
    /\s+/,
  ),
);
