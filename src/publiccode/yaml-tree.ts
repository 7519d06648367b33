// Bytes → a small positioned tree of YAML nodes. The `yaml` library parses; this module decodes UTF-8, enforces
// PARSE_LIMITS, expands aliases under a budget and keeps, for every node, the line/column of its first token
// (what the reference validator reports).
import { Alias, Composer, type Document, isMap, isScalar, isSeq, LineCounter, type Node, Parser, type YAMLError } from "yaml";
import { maxNestingDepth } from "./cst-depth.ts";
import { PARSE_LIMITS, type ParseLimits } from "./limits.ts";
import type { ValidationResult } from "./result.ts";

export interface Pos {
  line: number;
  column: number;
}
export type ScalarType = "str" | "int" | "float" | "bool" | "null";
export interface YScalar {
  kind: "scalar";
  type: ScalarType;
  value: string | number | boolean | null;
  pos: Pos;
}
export interface YPair {
  key: string;
  keyPos: Pos;
  value: YNode;
}
export interface YMap {
  kind: "map";
  flow: boolean;
  pairs: YPair[];
  pos: Pos;
}
export interface YSeq {
  kind: "seq";
  items: YNode[];
  pos: Pos;
}
export type YNode = YScalar | YMap | YSeq;

export type ParsedYaml = { ok: true; root: YNode | null } | { ok: false; error: ValidationResult };

const error = (message: string, key = "", line = 0, column = 0): ParsedYaml => ({
  ok: false,
  error: { severity: "error", key, message, line, column },
});

class LimitError extends Error {}
/** A YAML error found while building the tree (duplicate keys), reported like a parser syntax error. */
class TreeSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

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
  if (maxNestingDepth(tokens) > limits.maxDepth) return error(`YAML nesting too deep (limit ${limits.maxDepth} levels)`);
  const list: Document.Parsed[] = Array.from(
    new Composer({ uniqueKeys: false, prettyErrors: false }).compose(tokens, false, text.length),
  );
  const first = list[0];
  const firstError = first?.errors[0] ?? list.find((d) => d.errors.length > 0)?.errors[0];
  if (firstError) return syntaxError(firstError, lineCounter, text);
  if (!first || first.contents === null) return error("publiccodeYmlVersion is a required field", "publiccodeYmlVersion");
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
  const message = REFERENCE_WORDING[e.code] ?? (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
  return error(message, "", pos.line, 1);
}

class TreeBuilder {
  private nodes = 0;
  private aliases = 0;
  constructor(
    private readonly lc: LineCounter,
    private readonly limits: ParseLimits,
    private readonly doc: Parameters<Alias["resolve"]>[0],
  ) {}

  private pos(offset: number | undefined): Pos {
    const p = this.lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  }

  build(node: Node | null, depth: number, at?: number): YNode {
    if (++this.nodes > this.limits.maxNodes) {
      throw new LimitError(`YAML document too large: more than ${this.limits.maxNodes} nodes (aliases expanded)`);
    }
    if (depth > this.limits.maxDepth) throw new LimitError(`YAML nesting too deep (limit ${this.limits.maxDepth} levels)`);
    if (node === null) return { kind: "scalar", type: "null", value: null, pos: this.pos(at) };
    if (node instanceof Alias) {
      if (++this.aliases > this.limits.maxAliases) {
        throw new LimitError(`too many YAML aliases (limit ${this.limits.maxAliases})`);
      }
      const target = node.resolve(this.doc);
      if (!target) throw new LimitError(`unknown YAML alias "*${node.source}"`);
      return this.build(target, depth + 1, node.range?.[0]);
    }
    const pos = this.pos(at ?? node.range?.[0]);
    if (isMap(node)) {
      const pairs: YPair[] = [];
      const seen = new Map<string, Pos>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value ?? "") : "";
        const keyPos = this.pos(keyNode?.range?.[0]);
        const earlier = seen.get(key);
        if (earlier) {
          const where = `[${earlier.line}:${earlier.column}]`;
          throw new TreeSyntaxError(`mapping key "${key}" already defined at ${where}`, keyPos.line);
        }
        seen.set(key, keyPos);
        const valueAt = (pair.value as Node | null)?.range?.[0] ?? keyNode?.range?.[2];
        pairs.push({ key, keyPos, value: this.build(pair.value as Node | null, depth + 1, valueAt) });
      }
      return { kind: "map", flow: node.flow === true, pairs, pos };
    }
    if (isSeq(node)) {
      return { kind: "seq", items: node.items.map((item) => this.build(item as Node | null, depth + 1)), pos };
    }
    if (isScalar(node)) {
      const scalar = classify(node.value);
      // Numbers keep the digits as written: converting them to strings must not round or drop zeros.
      if ((scalar.type === "int" || scalar.type === "float") && typeof node.source === "string") scalar.value = node.source;
      return { kind: "scalar", ...scalar, pos };
    }
    throw new LimitError("unsupported YAML node");
  }
}

function classify(value: unknown): { type: ScalarType; value: YScalar["value"] } {
  if (value === null || value === undefined) return { type: "null", value: null };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "number") return { type: Number.isInteger(value) ? "int" : "float", value };
  if (typeof value === "bigint") return { type: "int", value: Number(value) };
  return { type: "str", value: String(value) };
}
