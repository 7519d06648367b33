// Regenerates test/fixtures/real/OUTCOMES.tsv: the outcome class of every real-world file (valid / invalid /
// not-yaml) with its first error, for review. Run once, review the diff, commit:
//   node --import tsx bench/validate/real-outcomes.ts > test/fixtures/real/OUTCOMES.tsv
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validatePubliccodeSync } from "../../src/publiccode/index.ts";
import { classifyOutcome } from "../../test/unit/publiccode/real-outcome-class.ts";

const dir = join(import.meta.dirname, "../../test/fixtures/real");
console.log(["file", "class", "errors", "warnings", "first_error"].join("\t"));
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .sort()) {
  const outcome = validatePubliccodeSync(readFileSync(join(dir, file)));
  const errors = outcome.results.filter((r) => r.severity === "error");
  const first = errors[0];
  const firstText = first
    ? `${first.line}:${first.column} ${first.key ? `${first.key}: ` : ""}${first.message}`
    : "";
  console.log(
    [
      file,
      classifyOutcome(outcome),
      errors.length,
      outcome.results.length - errors.length,
      firstText.replace(/\s+/g, " "),
    ].join("\t"),
  );
}
