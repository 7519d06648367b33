// Public face of the publiccode.yml validator: parse + validate + normalise with parser-go parity.
// See docs/conformance.md for how closely it matches the reference and where it deliberately differs.
export { PARSE_LIMITS, type ParseLimits } from "./limits.ts";
export { NETWORK_DEFAULTS } from "./network-checks.ts";
export { toYaml } from "./normalize.ts";
export type { ValidateOptions, ValidationOutcome } from "./outcome.ts";
export type { ValidationResult } from "./result.ts";
export type { PublicCode } from "./types.ts";
export { validatePubliccode, validatePubliccodeSync } from "./validate.ts";
export { SUPPORTED_VERSIONS } from "./version.ts";
