// Reads test/fixtures/parser-go/EXPECTED.tsv (the reference validator's asserted results) and runs our validator
// over the same files, with network checks off, to measure parity. Shared by the conformance test and
// bench/validate/conformance-report.ts.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ValidationResult, validatePubliccodeSync } from "../../../src/publiccode/index.ts";

export const FIXTURE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/parser-go");

export interface ExpectedRow {
  file: string;
  expected: "valid" | "invalid";
  key: string;
  message: string;
  severity: string;
  line: number;
  column: number;
  network: string;
  goTest: string;
}

/** Why a row is outside the no-network denominator (null: inside). */
export function exclusionOf(row: ExpectedRow, filesWithOffRows: Set<string>): string | null {
  if (row.goTest === "") return "no upstream test asserts this file";
  if (
    / not reachable: | is not a valid code repository|^is not a valid code repository$|HTTP GET failed for /.test(
      row.message,
    )
  ) {
    return "needs the live network";
  }
  if (row.message === "is not a valid code repository") return "needs the live network";
  if (row.network === "on" && filesWithOffRows.has(row.file))
    return "superseded by the file's network-off rows";
  return null;
}

export function readExpectedRows(): ExpectedRow[] {
  const lines = readFileSync(join(FIXTURE_ROOT, "EXPECTED.tsv"), "utf8").split("\n").slice(1);
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [
        file = "",
        expected = "",
        key = "",
        message = "",
        severity = "",
        l = "0",
        c = "0",
        network = "",
        goTest = "",
      ] = line.split("\t");
      return {
        file,
        expected: expected as "valid" | "invalid",
        key,
        message: message.replaceAll("<cwd>", FIXTURE_ROOT),
        severity,
        line: Number(l || 0),
        column: Number(c || 0),
        network,
        goTest,
      };
    });
}

export interface FileReport {
  file: string;
  major: "v0" | "v1";
  expectedValid: boolean;
  actualValid: boolean;
  rows: { row: ExpectedRow; matched: boolean }[];
  unexpected: ValidationResult[];
}

const sameResult = (row: ExpectedRow, r: ValidationResult) =>
  r.key === row.key &&
  r.message === row.message &&
  r.line === row.line &&
  r.column === row.column &&
  r.severity === row.severity;

/** Runs every file whose rows are in the denominator and pairs each expected row with our results. */
export function runConformance(): { files: FileReport[]; excluded: { row: ExpectedRow; reason: string }[] } {
  const rows = readExpectedRows();
  const withOff = new Set(rows.filter((r) => r.network === "off").map((r) => r.file));
  const excluded: { row: ExpectedRow; reason: string }[] = [];
  const byFile = new Map<string, ExpectedRow[]>();
  for (const row of rows) {
    const reason = exclusionOf(row, withOff);
    if (reason) excluded.push({ row, reason });
    else byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  }
  const files: FileReport[] = [];
  for (const [file, expectedRows] of byFile) {
    const path = join(FIXTURE_ROOT, file);
    const outcome = validatePubliccodeSync(readFileSync(path), { localDir: dirname(path) });
    const clean = expectedRows.filter((r) => r.key !== "" || r.message !== "");
    const matchedResults = new Set<ValidationResult>();
    const report: FileReport = {
      file,
      major: file.startsWith("testdata/v1/") ? "v1" : "v0",
      expectedValid: !clean.some((r) => r.severity === "error"),
      actualValid: outcome.valid,
      rows: expectedRows.map((row) => {
        if (row.key === "" && row.message === "") return { row, matched: outcome.results.length === 0 };
        const hit = outcome.results.find((r) => !matchedResults.has(r) && sameResult(row, r));
        if (hit) matchedResults.add(hit);
        return { row, matched: hit !== undefined };
      }),
      unexpected: [],
    };
    report.unexpected = outcome.results.filter((r) => !matchedResults.has(r));
    if (clean.length === 0) report.unexpected = outcome.results;
    files.push(report);
  }
  return { files, excluded };
}
