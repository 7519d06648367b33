// Bytes → the positioned YAML tree, or the one error that stops validation: size, UTF-8, nesting depth (measured on
// tokens before the recursive composer runs), syntax, empty input, several documents.
import { Composer, type Document, LineCounter, type Node, Parser, type YAMLError } from "yaml";
import { maxNestingDepth } from "./cst-depth.ts";
import { PARSE_LIMITS, type ParseLimits } from "./limits.ts";
import type { ValidationResult } from "./result.ts";
import { LimitError, TreeBuilder, TreeSyntaxError } from "./tree-builder.ts";
import type { YNode } from "./yaml-nodes.ts";

export type { Pos, YMap, YNode, YPair, YScalar, YSeq } from "./yaml-nodes.ts";

export type ParsedYaml = { ok: true; root: YNode | null } | { ok: false; error: ValidationResult };

const error = (message: string, key = "", line = 0, column = 0): ParsedYaml => ({
  ok: false,
  error: { severity: "error", key, message, line, column },
});

/** Parses bytes into a YNode tree, or returns the one error that stops validation (as the reference does). */
export function parseYamlTree(bytes: Uint8Array, limits: ParseLimits = PARSE_LIMITS): ParsedYaml {
  if (bytes.byteLength > limits.maxBytes) {
    return error(`file too large: ${bytes.byteLength} bytes (limit ${limits.maxBytes})`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return error("Invalid UTF-8");
  }
  const lineCounter = new LineCounter();
  // Tokenise first (iterative, stack-safe), measure nesting, and only then compose (recursive).
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  if (maxNestingDepth(tokens) > limits.maxDepth)
    return error(`YAML nesting too deep (limit ${limits.maxDepth} levels)`);
  const list: Document.Parsed[] = Array.from(
    new Composer({ uniqueKeys: false, prettyErrors: false }).compose(tokens, false, text.length),
  );
  const first = list[0];
  const firstError = first?.errors[0] ?? list.find((d) => d.errors.length > 0)?.errors[0];
  if (firstError) return syntaxError(firstError, lineCounter, text);
  if (!first || first.contents === null)
    return error("publiccodeYmlVersion is a required field", "publiccodeYmlVersion");
  if (list.length > 1) return error("multiple YAML documents in one file are not supported");
  const builder = new TreeBuilder(lineCounter, limits, first);
  try {
    return { ok: true, root: builder.build(first.contents as Node, 0) };
  } catch (e) {
    if (e instanceof LimitError) return error(e.message);
    if (e instanceof TreeSyntaxError) return error(e.message, "", e.line, 1);
    if (e instanceof RangeError) return error(`YAML nesting too deep (limit ${limits.maxDepth} levels)`);
    throw e;
  }
}

// Reference (goccy/go-yaml) wording for the syntax errors whose cause both parsers agree on.
const REFERENCE_WORDING: Record<string, string> = {
  BAD_INDENT: "value is not allowed in this context. map key-value is pre-defined",
};

/** Offset of the first token at or after `offset`, skipping blanks and comments (where the parser points). */
function nextToken(text: string, offset: number): number {
  const skip = /(?:\s|#[^\n]*)*/y;
  skip.lastIndex = offset;
  skip.exec(text);
  return Math.min(skip.lastIndex, Math.max(text.length - 1, 0));
}

function syntaxError(e: YAMLError, lineCounter: LineCounter, text: string): ParsedYaml {
  const pos = lineCounter.linePos(nextToken(text, e.pos[0]));
  const message =
    REFERENCE_WORDING[e.code] ??
    (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
  return error(message, "", pos.line, 1);
}
