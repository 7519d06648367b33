// What callers pass in and get back (the contract other areas code against), and the outcome of a failure the
// validator did not foresee: a bug must not take the harvester down with it, so it becomes one error result.
import type { ValidationResult } from "./result.ts";
import type { PublicCode } from "./types.ts";

export interface ValidateOptions {
  network?: boolean;
  baseUrl?: string;
  branch?: string;
  localDir?: string;
  strictness?: "reference" | "standard";
  allowPrivateNetwork?: boolean;
  networkTimeoutMs?: number;
  maxNetworkBytes?: number;
}

export interface ValidationOutcome {
  valid: boolean;
  version: string | null;
  document: PublicCode | null;
  normalized: unknown | null;
  results: ValidationResult[];
}

export function failedOutcome(error: unknown): ValidationOutcome {
  const message = `internal validator error: ${error instanceof Error ? error.message : String(error)}`;
  return {
    valid: false,
    version: null,
    document: null,
    normalized: null,
    results: [{ severity: "error", key: "", message, line: 0, column: 0 }],
  };
}
