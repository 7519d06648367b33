// The outcome class the real-corpus table records for a file.
import type { ValidationOutcome } from "../../../src/publiccode/index.ts";

export type OutcomeClass = "valid" | "invalid" | "not-yaml";

export function classifyOutcome(outcome: ValidationOutcome): OutcomeClass {
  if (outcome.valid) return "valid";
  return outcome.document === null && outcome.version === null && outcome.results.every((r) => r.key === "")
    ? "not-yaml"
    : "invalid";
}
