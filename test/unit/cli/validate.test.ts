// `catalogue validate`, run in-process with captured streams, and once through bin/catalogue.mjs.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/parser-go/testdata/v0");
const VALID = join(FIXTURES, "valid/valid.minimal.yml");
const WITH_WARNING = join(FIXTURES, "valid_with_warnings/valid.minimal.v0.2.yml");
const INVALID = join(FIXTURES, "invalid/developmentStatus_invalid.yml");

function tempFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "validate-cli-"));
  const path = join(dir, "publiccode.yml");
  writeFileSync(path, text);
  return path;
}

describe("catalogue validate", () => {
  it("prints nothing and exits 0 for a valid file", async () => {
    const run = await runCli(["validate", VALID]);
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("prints compiler-style lines and exits 1 when a file is invalid", async () => {
    const run = await runCli(["validate", VALID, INVALID]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `${INVALID}:16:1: error: developmentStatus: developmentStatus must be one of the following: "concept", "development", "beta", "stable" or "obsolete"\n`,
    );
  });

  it("exits 0 when files have only warnings", async () => {
    const run = await runCli(["validate", WITH_WARNING]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/:1:1: warning: publiccodeYmlVersion: v0\.2 is not the latest version/);
  });

  it("prints exactly one JSON object per file per line with --json", async () => {
    const run = await runCli(["validate", "--json", VALID, INVALID]);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ file: VALID, valid: true, version: "0", results: [] });
    expect(lines[1]).toMatchObject({ file: INVALID, valid: false, version: "0" });
    expect(Object.keys(lines[1].results[0]).sort()).toEqual(["column", "key", "line", "message", "severity"]);
  });

  it("reads - as standard input", async () => {
    const run = await runCli(["validate", "--json", "-"], { stdin: 'publiccodeYmlVersion: "1"\n' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: "<stdin>", valid: false, version: "1" });
  });

  it("resolves relative logos next to the file", async () => {
    const path = tempFile("publiccodeYmlVersion: '0'\nlogo: missing.png\n");
    const run = await runCli(["validate", path]);
    expect(run.stdout).toContain(`error: logo: no such file: ${join(path, "..", "missing.png")}`);
  });

  it("reads the standard's text with --strictness standard", async () => {
    const text = (await import("node:fs"))
      .readFileSync(VALID, "utf8")
      .replace("platforms:\n  - web", "platforms: web");
    const path = tempFile(text);
    expect((await runCli(["validate", path])).code).toBe(1);
    expect((await runCli(["validate", "--strictness", "standard", path])).code).toBe(0);
  });

  it.each([
    { name: "no file", args: ["validate"] },
    { name: "an unknown strictness", args: ["validate", "--strictness", "loose", VALID] },
    { name: "a missing file", args: ["validate", "/no/such/publiccode.yml"] },
    { name: "standard input twice", args: ["validate", "-", "-"] },
  ])("exits 2 on $name", async ({ args }) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toBe("");
  });

  it("works through bin/catalogue.mjs as a child process", async () => {
    const bin = join(import.meta.dirname, "../../../bin/catalogue.mjs");
    const run = promisify(execFile);
    const ok = await run(process.execPath, [bin, "validate", "--json", VALID]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true });
    await expect(run(process.execPath, [bin, "validate", INVALID])).rejects.toMatchObject({ code: 1 });
  });
});
