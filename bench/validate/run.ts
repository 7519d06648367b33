// Validation throughput on the real corpus, side by side with a bare `yaml` parse of the same bytes.
//   npm run bench:validate [-- --rounds 20]
// Prints files/s for (a) validatePubliccodeSync (no network) and (b) YAML.parse alone, and (b)/(a): how many times
// a full validation costs a bare parse. Goal: at most 2.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { validatePubliccodeSync } from "../../src/publiccode/index.ts";

const dir = join(import.meta.dirname, "../../test/fixtures/real");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yml"))
  .map((f) => readFileSync(join(dir, f)));
const roundsArg = process.argv.indexOf("--rounds");
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;

function bareParse(bytes: Uint8Array): void {
  try {
    parse(new TextDecoder().decode(bytes));
  } catch {
    // Broken files count too: the validator has to look at them as well.
  }
}

function measure(name: string, run: (bytes: Uint8Array) => void): number {
  for (const bytes of files) run(bytes); // warm-up: JIT, lazy data tables
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const bytes of files) run(bytes);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = (files.length * rounds) / seconds;
  console.log(
    `${name.padEnd(34)} ${perSecond.toFixed(0).padStart(7)} files/s  (${files.length} files × ${rounds} rounds)`,
  );
  return perSecond;
}

const validate = measure("(a) validatePubliccodeSync", (bytes) => void validatePubliccodeSync(bytes));
const bare = measure("(b) yaml parse alone", bareParse);
console.log(`(b)/(a) = ${(bare / validate).toFixed(2)}  (validation cost in bare parses; goal <= 2)`);
