// The one place the store calls the publiccode.yml validator (src/publiccode, another module), so its
// contract is pinned here: validatePubliccodeSync(bytes, opts?) → { valid, version, document, normalized,
// results }.
import { validatePubliccodeSync } from "../../publiccode/index.ts";

export interface ValidationFinding {
  severity: "error" | "warning";
  key: string;
  message: string;
  line: number | null;
  column: number | null;
}

/** What the store needs of a validation: the harvester passes the same shape to recordSoftwareVersion. */
export interface ValidationOutcome {
  valid: boolean;
  /** publiccodeYmlVersion as found in the file. */
  version: string | null;
  /** The normalised document (latest standard version); null when the file could not be read at all. */
  document: Record<string, unknown> | null;
  results: ValidationFinding[];
}

export function validateBytes(bytes: Uint8Array): ValidationOutcome {
  const r = validatePubliccodeSync(bytes);
  const doc = (r.normalized ?? r.document ?? null) as Record<string, unknown> | null;
  return {
    valid: r.valid,
    version: (r.version as string | null | undefined) ?? null,
    document: doc && typeof doc === "object" ? doc : null,
    results: r.results.map((f) => ({
      severity: f.severity,
      key: f.key,
      message: f.message,
      line: f.line || null,
      column: f.column || null,
    })),
  };
}
