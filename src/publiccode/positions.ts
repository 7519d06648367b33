// Where a result points: the reference resolves a dotted key (`a.b[0].c`, `description[en-US].x`) to the key
// token of the last segment, the element of a sequence, the `{` of an empty flow mapping, or the first key of the
// enclosing block mapping when the last segment is missing. Reproduced here so line/column match it.
import type { Pos, YNode } from "./yaml-tree.ts";

const NO_POS: Pos = { line: 0, column: 0 };

export function findKeyPosition(root: YNode | null, key: string): Pos {
  if (!root || key === "") return NO_POS;
  return findPos(root, key.split("."));
}

function splitSegment(part: string): { base: string; index: number; stringKey: string } {
  const open = part.lastIndexOf("[");
  if (open < 0 || !part.endsWith("]")) return { base: part, index: -1, stringKey: "" };
  const inner = part.slice(open + 1, -1);
  if (inner === "") return { base: part, index: -1, stringKey: "" };
  const base = part.slice(0, open);
  return /^[0-9]+$/.test(inner)
    ? { base, index: Number(inner), stringKey: "" }
    : { base, index: -1, stringKey: inner };
}

function findPos(node: YNode, parts: string[]): Pos {
  const [part, ...rest] = parts;
  if (part === undefined) return NO_POS;
  if (node.kind !== "map") return node.pos;
  const { base, index, stringKey } = splitSegment(part);
  const pair = node.pairs.find((p) => p.key === base);
  if (pair) {
    if (index >= 0) {
      if (pair.value.kind !== "seq" || index >= pair.value.items.length) return pair.keyPos;
      const element = pair.value.items[index]!;
      return rest.length === 0 ? element.pos : findPos(element, rest);
    }
    if (stringKey !== "") return findPos(pair.value, [stringKey, ...rest]);
    return rest.length === 0 ? pair.keyPos : findPos(pair.value, rest);
  }
  if (node.flow) return node.pos;
  if (rest.length === 0 && node.pairs.length > 0) return node.pairs[0]!.keyPos;
  return NO_POS;
}

/** The dotted key of the first key (or sequence element) that starts on `line`, in document order. */
export function findKeyAtLine(node: YNode | null, line: number, prefix = ""): string {
  if (!node) return "";
  if (node.kind === "map") {
    for (const pair of node.pairs) {
      const full = prefix === "" ? pair.key : `${prefix}.${pair.key}`;
      if (pair.keyPos.line === line) return full;
      const found = findKeyAtLine(pair.value, line, full);
      if (found !== "") return found;
    }
  } else if (node.kind === "seq") {
    for (const [i, item] of node.items.entries()) {
      const key = `${prefix}[${i}]`;
      if (item.pos.line === line) return key;
      const found = findKeyAtLine(item, line, key);
      if (found !== "") return found;
    }
  }
  return "";
}
