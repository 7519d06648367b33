// Bad input never throws out of the validator: each case ends in one specific error, within the PARSE_LIMITS.
import { describe, expect, it } from "vitest";
import { PARSE_LIMITS, validatePubliccodeSync } from "../../../src/publiccode/index.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const aliasBomb = () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
  }
  return bytes(lines.join("\n"));
};

const cases: { name: string; input: () => Uint8Array; message: string | RegExp; line?: number }[] = [
  {
    name: "an empty file",
    input: () => new Uint8Array(),
    message: "publiccodeYmlVersion is a required field",
  },
  {
    name: "a file of comments only",
    input: () => bytes("# nothing\n"),
    message: "publiccodeYmlVersion is a required field",
  },
  {
    name: "several YAML documents",
    input: () => bytes('publiccodeYmlVersion: "0"\n---\nname: x\n'),
    message: "multiple YAML documents in one file are not supported",
  },
  {
    name: "invalid UTF-8",
    input: () => new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe]),
    message: "Invalid UTF-8",
  },
  {
    name: "Latin-1 text",
    input: () => new Uint8Array([...bytes("name: caf"), 0xe9, 0x0a]),
    message: "Invalid UTF-8",
  },
  {
    name: "tabs used as indentation",
    input: () => bytes('publiccodeYmlVersion: "0"\nlegal:\n\tlicense: MIT\n'),
    message: "Tabs are not allowed as indentation",
    line: 3,
  },
  {
    name: "a duplicate key",
    input: () => bytes('publiccodeYmlVersion: "0"\nname: a\nname: b\n'),
    message: 'mapping key "name" already defined at [2:1]',
    line: 3,
  },
  { name: "a billion-laughs alias bomb", input: aliasBomb, message: /^too many YAML aliases/ },
  {
    name: "a 50 MB file",
    input: () => new Uint8Array(50 * 1024 * 1024).fill(0x61),
    message: `file too large: 52428800 bytes (limit ${PARSE_LIMITS.maxBytes})`,
  },
  {
    name: "10,000-deep flow nesting",
    input: () => bytes(`a: ${"[".repeat(10_000)}${"]".repeat(10_000)}`),
    message: /^YAML nesting too deep/,
  },
  {
    name: "10,000-deep block nesting",
    input: () => bytes(`${"- ".repeat(10_000)}x`),
    message: /^YAML nesting too deep/,
  },
  {
    name: "nesting just past the depth limit",
    input: () => bytes(`a: ${"[".repeat(PARSE_LIMITS.maxDepth + 1)}${"]".repeat(PARSE_LIMITS.maxDepth + 1)}`),
    message: `YAML nesting too deep (limit ${PARSE_LIMITS.maxDepth} levels)`,
  },
  {
    name: "a bare scalar",
    input: () => bytes("just a string\n"),
    message: "publiccodeYmlVersion is a required field",
  },
];

describe("hostile and broken input", () => {
  it.each(cases)("reports $name as one specific error without throwing", ({ input, message, line }) => {
    const outcome = validatePubliccodeSync(input());
    expect(outcome.valid).toBe(false);
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]?.severity).toBe("error");
    expect(outcome.results[0]?.message).toMatch(message);
    if (line !== undefined) expect(outcome.results[0]?.line).toBe(line);
  });

  it("reads CRLF line ends like LF, positions included", () => {
    const lf = 'publiccodeYmlVersion: "0.2"\nname: x\nfoo: 1\n';
    const crlf = validatePubliccodeSync(bytes(lf.replaceAll("\n", "\r\n")));
    expect(crlf.results).toEqual(validatePubliccodeSync(bytes(lf)).results);
    expect(crlf.results[0]).toMatchObject({
      severity: "warning",
      key: "publiccodeYmlVersion",
      line: 1,
      column: 1,
    });
  });

  it("turns an unforeseen failure (an unusable baseUrl) into one error instead of throwing", () => {
    const outcome = validatePubliccodeSync(bytes("publiccodeYmlVersion: '0'\nlogo: logo.png\n"), {
      baseUrl: "not a URL",
    });
    expect(outcome.valid).toBe(false);
    expect(outcome.results).toEqual([
      expect.objectContaining({ key: "", message: expect.stringMatching(/^internal validator error/) }),
    ]);
  });

  it("exports limits that are finite and frozen", () => {
    expect(Object.isFrozen(PARSE_LIMITS)).toBe(true);
    expect(PARSE_LIMITS.maxBytes).toBeGreaterThan(100_000);
    expect(PARSE_LIMITS.maxDepth).toBeGreaterThanOrEqual(16);
  });
});
