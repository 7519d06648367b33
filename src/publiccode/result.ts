// One finding of the validator, shaped like the reference validator's ValidationError / ValidationWarning.

export interface ValidationResult {
  severity: "error" | "warning";
  /** Dotted path of the field, e.g. `description.en.features` or `categories[0]`; empty for file-level errors. */
  key: string;
  message: string;
  /** 1-based; 0 when there is no position (as the reference reports it). */
  line: number;
  column: number;
}

export const errorAt = (key: string, message: string): ValidationResult => ({
  severity: "error",
  key,
  message,
  line: 0,
  column: 0,
});

export const warningAt = (key: string, message: string): ValidationResult => ({
  severity: "warning",
  key,
  message,
  line: 0,
  column: 0,
});
