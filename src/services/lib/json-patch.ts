// JSON Patch, RFC 6902 (https://www.rfc-editor.org/rfc/rfc6902) with JSON Pointer paths (RFC 6901). Small
// enough to own: the npm packages for it are either unmaintained or much larger than these rules. Applies to
// a copy; throws JsonPatchError (with the operation's index) and leaves the input untouched on any failure.

export interface JsonPatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: unknown;
  from?: string;
}

export class JsonPatchError extends Error {
  override name = "JsonPatchError";
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`operation ${index}: ${message}`);
  }
}

type Container = Record<string, unknown> | unknown[];

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`'${pointer}' is not a JSON pointer`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function arrayIndex(arr: unknown[], token: string, forInsert: boolean): number {
  if (forInsert && token === "-") return arr.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new Error(`'${token}' is not an array index`);
  const i = Number(token);
  if (i > arr.length || (!forInsert && i === arr.length)) throw new Error(`index ${i} is out of bounds`);
  return i;
}

function get(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) {
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)];
    else if (typeof node === "object" && node !== null && Object.hasOwn(node, t))
      node = (node as Record<string, unknown>)[t];
    else throw new Error(`path does not exist at '${t}'`);
  }
  return node;
}

function parentOf(doc: unknown, tokens: string[]): [Container, string] {
  const parent = get(doc, tokens.slice(0, -1));
  if (typeof parent !== "object" || parent === null) throw new Error("parent is not a container");
  return [parent as Container, tokens.at(-1)!];
}

function add(doc: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const [parent, key] = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: unknown, tokens: string[]): unknown {
  if (tokens.length === 0) throw new Error("cannot remove the whole document");
  get(doc, tokens);
  const [parent, key] = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else delete parent[key];
  return doc;
}

export function applyJsonPatch<T>(document: T, operations: JsonPatchOperation[]): T {
  let doc: unknown = structuredClone(document);
  operations.forEach((op, i) => {
    try {
      const path = parsePointer(op.path);
      switch (op.op) {
        case "add":
          doc = add(doc, path, structuredClone(op.value));
          break;
        case "remove":
          doc = remove(doc, path);
          break;
        case "replace":
          doc =
            path.length === 0
              ? structuredClone(op.value)
              : add(remove(doc, path), path, structuredClone(op.value));
          break;
        case "move": {
          const from = parsePointer(op.from ?? "");
          if (op.path.startsWith(`${op.from}/`)) throw new Error("cannot move a value into itself");
          const value = get(doc, from);
          doc = add(remove(doc, from), path, value);
          break;
        }
        case "copy":
          doc = add(doc, path, structuredClone(get(doc, parsePointer(op.from ?? ""))));
          break;
        case "test":
          if (JSON.stringify(canonical(get(doc, path))) !== JSON.stringify(canonical(op.value))) {
            throw new Error("test failed");
          }
          break;
        default:
          throw new Error(`unknown op '${(op as { op: string }).op}'`);
      }
    } catch (error) {
      throw new JsonPatchError(i, error instanceof Error ? error.message : String(error));
    }
  });
  return doc as T;
}

// Object key order does not matter for "test" equality.
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}
