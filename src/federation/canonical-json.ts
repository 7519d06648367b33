// JSON Canonicalization Scheme (RFC 8785): the exact bytes a record signature covers. Two catalogues written in
// different languages must produce identical bytes for the same record, so nothing here may depend on key
// insertion order or on a serializer's whitespace.
// @see https://www.rfc-editor.org/rfc/rfc8785

export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
}

// Lone surrogates cannot be encoded as UTF-8; RFC 8785 §3.2.2.2 says such data must be rejected.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError("string contains a lone surrogate");
  // JSON.stringify escapes exactly what RFC 8785 requires (", \, and U+0000–U+001F with the short forms
  // \b \f \n \r \t, others as lower-case \u00xx) and leaves every other character as is.
  return JSON.stringify(value);
}

function serializeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} has no JSON representation`);
  // ECMAScript Number::toString is the serialization RFC 8785 §3.2.2.3 prescribes; it also turns -0 into "0".
  return String(value);
}

function serialize(value: unknown, out: string[], depth: number): void {
  if (depth > 64) throw new CanonicalJsonError("nesting deeper than 64 levels");
  if (value === null) out.push("null");
  else if (typeof value === "boolean") out.push(value ? "true" : "false");
  else if (typeof value === "number") out.push(serializeNumber(value));
  else if (typeof value === "string") out.push(serializeString(value));
  else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, i) => {
      if (i > 0) out.push(",");
      serialize(item === undefined ? null : item, out, depth + 1);
    });
    out.push("]");
  } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    out.push("{");
    keys.forEach((key, i) => {
      if (i > 0) out.push(",");
      out.push(serializeString(key), ":");
      serialize((value as Record<string, unknown>)[key], out, depth + 1);
    });
    out.push("}");
  } else {
    throw new CanonicalJsonError(`cannot canonicalize a value of type ${typeof value}`);
  }
}

/** The RFC 8785 canonical text of a JSON value (plain objects, arrays, strings, finite numbers, booleans, null). */
export function canonicalizeJson(value: unknown): string {
  const out: string[] = [];
  serialize(value, out, 0);
  return out.join("");
}

/** The canonical form as UTF-8 bytes: what gets signed. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalizeJson(value));
}
