// YNode tree → plain document, following the schema and the reference decoder's rules: scalars convert to strings,
// a field whose value has the wrong shape is left unset (and with it the whole enclosing collection or nested
// section), decoding goes on with the next field, and only the first failure is reported. Unknown keys are
// reported only for a section that otherwise decoded cleanly.
import type { Field, Kind } from "./schema-v0.ts";
import type { YMap, YNode } from "./yaml-tree.ts";

export interface DecodeFailure {
  kind: "type" | "unknown";
  line: number;
  message: string;
}
interface Decoded {
  value: unknown;
  error?: DecodeFailure;
}

export type DecodeOptions = { scalarAsList?: ReadonlySet<string> };

const typeError = (node: YNode): Decoded => ({
  value: undefined,
  error: { kind: "type", line: node.pos.line, message: "wrong type for this field" },
});

/** Decodes the top-level mapping; fields decoded before and after a failure keep their values. */
export function decodeDocument(root: YNode, type: Kind, options: DecodeOptions = {}): Decoded {
  return decodeNode(root, type, options, "");
}

function decodeNode(node: YNode, type: Kind, options: DecodeOptions, path: string): Decoded {
  if (node.kind === "scalar" && node.type === "null") return { value: undefined };
  switch (type.kind) {
    case "string":
    case "url":
      return node.kind === "scalar" ? { value: String(node.value) } : typeError(node);
    case "bool":
      return node.kind === "scalar" && node.type === "bool" ? { value: node.value } : typeError(node);
    case "urlOrUrls":
      if (node.kind === "seq") return decodeList(node.items, { kind: "url" }, options, path);
      return node.kind === "scalar" ? { value: [String(node.value)] } : typeError(node);
    case "list":
      if (node.kind === "seq") return decodeList(node.items, type.of, options, path);
      // The standard's own reading lets a single value stand for a one-element list (e.g. `platforms: web`).
      if (node.kind === "scalar" && options.scalarAsList?.has(path)) return { value: [String(node.value)] };
      return typeError(node);
    case "map":
      return node.kind === "map" ? decodeMap(node, type.of, options, path) : typeError(node);
    case "struct":
      return node.kind === "map" ? decodeStruct(node, type.fields, options, path) : typeError(node);
  }
}

function decodeList(items: YNode[], of: Kind, options: DecodeOptions, path: string): Decoded {
  const out: unknown[] = [];
  let error: DecodeFailure | undefined;
  for (const item of items) {
    const decoded = decodeNode(item, of, options, `${path}[]`);
    if (decoded.error) {
      error ??= decoded.error;
      continue;
    }
    out.push(decoded.value ?? zeroOf(of));
  }
  return error ? { value: undefined, error } : { value: out };
}

function decodeMap(node: YMap, of: Kind, options: DecodeOptions, path: string): Decoded {
  const out: Record<string, unknown> = Object.create(null);
  for (const pair of node.pairs) {
    const decoded = decodeNode(pair.value, of, options, `${path}{}`);
    if (decoded.error) return { value: undefined, error: decoded.error };
    out[pair.key] = decoded.value ?? zeroOf(of);
  }
  return { value: out };
}

function decodeStruct(node: YMap, fields: Field[], options: DecodeOptions, path: string): Decoded {
  const out: Record<string, unknown> = {};
  const byKey = new Map(node.pairs.map((pair) => [pair.key, pair]));
  let error: DecodeFailure | undefined;
  for (const field of fields) {
    const pair = byKey.get(field.name);
    if (!pair) continue;
    const decoded = decodeNode(pair.value, field.type, options, path ? `${path}.${field.name}` : field.name);
    if (decoded.error) {
      error ??= decoded.error;
      continue;
    }
    if (decoded.value !== undefined) out[field.name] = decoded.value;
  }
  if (error) return { value: out, error };
  const known = new Set(fields.map((field) => field.name));
  const unknown = node.pairs.find((pair) => !known.has(pair.key));
  if (unknown) {
    return {
      value: out,
      error: { kind: "unknown", line: unknown.keyPos.line, message: `unknown field "${unknown.key}"` },
    };
  }
  return { value: out };
}

/** The Go zero value a null list element or map value decodes to. */
function zeroOf(kind: Kind): unknown {
  if (kind.kind === "string") return "";
  if (kind.kind === "bool") return false;
  if (kind.kind === "struct") return {};
  return null;
}
