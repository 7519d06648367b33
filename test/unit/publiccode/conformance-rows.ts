// Reads test/fixtures/parser-go/EXPECTED.tsv (the reference validator's asserted results) and runs our validator
// over the same files, with network checks off, to measure parity. Shared by the conformance test and
// bench/validate/conformance-report.ts.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SafeFetchResponse } from "../../../src/net/safe-fetch.ts";
import { type ValidationResult, validatePubliccodeSync } from "../../../src/publiccode/index.ts";
import { createNetworkChecker } from "../../../src/publiccode/network-checks.ts";
import { validateWithNetwork } from "../../../src/publiccode/validate.ts";

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
  const files = [...byFile].map(([file, expectedRows]) => {
    const path = join(FIXTURE_ROOT, file);
    return compare(
      file,
      expectedRows,
      validatePubliccodeSync(readFileSync(path), { localDir: dirname(path) }),
    );
  });
  return { files, excluded };
}

/**
 * A scripted internet for network mode: every URL answers 200 (PNG bytes for .png paths) except those naming a
 * missing file, which answer 404, as the live sites the upstream tests hit do.
 */
async function scriptedFetch(url: string): Promise<SafeFetchResponse> {
  const status = /no_such_file/.test(url) ? 404 : 200;
  const body = url.endsWith(".png")
    ? new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    : new Uint8Array();
  return { status, headers: new Headers(), body, url };
}

/** Network mode: the v0 rows upstream asserts with network checks on, against the scripted internet above. */
export async function runNetworkConformance(): Promise<FileReport[]> {
  const byFile = new Map<string, ExpectedRow[]>();
  for (const row of readExpectedRows()) {
    if (row.network !== "on" || !row.file.startsWith("testdata/v0/")) continue;
    byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  }
  const reports: FileReport[] = [];
  for (const [file, expectedRows] of byFile) {
    const path = join(FIXTURE_ROOT, file);
    const checker = createNetworkChecker({ fetcher: scriptedFetch });
    const outcome = await validateWithNetwork(readFileSync(path), { localDir: dirname(path) }, checker);
    reports.push(compare(file, expectedRows, outcome));
  }
  return reports;
}

function compare(
  file: string,
  expectedRows: ExpectedRow[],
  outcome: ReturnType<typeof validatePubliccodeSync>,
): FileReport {
  {
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
    return report;
  }
}
