// `yaml` library nodes → YNode tree, under PARSE_LIMITS: node and alias budgets (alias bombs), a depth bound, and
// duplicate keys rejected the way the reference's YAML parser rejects them.
import { Alias, type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { ParseLimits } from "./limits.ts";
import type { Pos, ScalarType, YNode, YPair, YScalar } from "./yaml-nodes.ts";

/** A limit was hit; the message says which. */
export class LimitError extends Error {}

/** A YAML error found while building the tree (duplicate keys), reported like a parser syntax error. */
export class TreeSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export class TreeBuilder {
  private nodes = 0;
  private aliases = 0;
  constructor(
    private readonly lc: LineCounter,
    private readonly limits: ParseLimits,
    private readonly doc: Document.Parsed,
  ) {}

  private pos(offset: number | undefined): Pos {
    const p = this.lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  }

  build(node: Node | null, depth: number, at?: number): YNode {
    if (++this.nodes > this.limits.maxNodes) {
      throw new LimitError(
        `YAML document too large: more than ${this.limits.maxNodes} nodes (aliases expanded)`,
      );
    }
    if (depth > this.limits.maxDepth)
      throw new LimitError(`YAML nesting too deep (limit ${this.limits.maxDepth} levels)`);
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
          throw new TreeSyntaxError(
            `mapping key "${key}" already defined at [${earlier.line}:${earlier.column}]`,
            keyPos.line,
          );
        }
        seen.set(key, keyPos);
        const valueAt = (pair.value as Node | null)?.range?.[0] ?? keyNode?.range?.[2];
        pairs.push({ key, keyPos, value: this.build(pair.value as Node | null, depth + 1, valueAt) });
      }
      return { kind: "map", flow: node.flow === true, pairs, pos };
    }
    if (isSeq(node)) {
      return {
        kind: "seq",
        items: node.items.map((item) => this.build(item as Node | null, depth + 1)),
        pos,
      };
    }
    if (isScalar(node)) return { kind: "scalar", ...classify(node.value, node.source), pos };
    throw new LimitError("unsupported YAML node");
  }
}

function classify(value: unknown, source: unknown): { type: ScalarType; value: YScalar["value"] } {
  if (value === null || value === undefined) return { type: "null", value: null };
  if (typeof value === "boolean") return { type: "bool", value };
  if (typeof value === "number" || typeof value === "bigint") {
    // Numbers keep the digits as written: converting them to strings must not round or drop zeros.
    const type = typeof value === "bigint" || Number.isInteger(value) ? "int" : "float";
    return { type, value: typeof source === "string" ? source : String(value) };
  }
  return { type: "str", value: String(value) };
}
