// Prints the parser-go parity figures and every mismatch (used to write docs/conformance.md):
//   node --import tsx bench/validate/conformance-report.ts [--all]
import { runConformance, runNetworkConformance } from "../../test/unit/publiccode/conformance-rows.ts";

const { files, excluded } = runConformance();
const showAll = process.argv.includes("--all");
for (const major of ["v0", "v1"] as const) {
  const mine = files.filter((f) => f.major === major);
  const rows = mine.flatMap((f) => f.rows);
  const matched = rows.filter((r) => r.matched).length;
  const verdicts = mine.filter((f) => f.expectedValid === f.actualValid).length;
  console.log(
    `${major}: files ${mine.length}, verdict ${verdicts}/${mine.length} (${((100 * verdicts) / mine.length).toFixed(1)}%), rows ${matched}/${rows.length} (${((100 * matched) / rows.length).toFixed(1)}%)`,
  );
  for (const f of mine) {
    const misses = f.rows.filter((r) => !r.matched);
    if (misses.length === 0 && f.expectedValid === f.actualValid && !showAll) continue;
    console.log(
      `  ${f.file} verdict expected=${f.expectedValid ? "valid" : "invalid"} actual=${f.actualValid ? "valid" : "invalid"}`,
    );
    for (const m of misses) {
      console.log(`    - want ${m.row.severity} ${m.row.key} ${m.row.line}:${m.row.column} ${m.row.message}`);
    }
    for (const u of f.unexpected)
      console.log(`    + got  ${u.severity} ${u.key} ${u.line}:${u.column} ${u.message}`);
  }
}
const reasons = new Map<string, number>();
for (const e of excluded)
  reasons.set(
    `${e.row.file.split("/")[1]} ${e.reason}`,
    (reasons.get(`${e.row.file.split("/")[1]} ${e.reason}`) ?? 0) + 1,
  );
console.log("excluded rows:", Object.fromEntries(reasons));
const network = await runNetworkConformance();
const networkRows = network.flatMap((f) => f.rows);
console.log(
  `v0 network mode (scripted internet): files ${network.length}, verdict ${network.filter((f) => f.expectedValid === f.actualValid).length}/${network.length}, rows ${networkRows.filter((r) => r.matched).length}/${networkRows.length}`,
);
