// Walks a decoded document the way go-playground/validator walks the reference's structs: fields in declaration
// order, tags left to right, the first failing tag ends that field, `dive` descends into list elements or map values,
// nested sections are always visited (value sections) or visited when present (optional sections).
import { errorAt, type ValidationResult } from "./result.ts";
import type { Field, Kind } from "./schema-v0.ts";
import { TAG_RULES } from "./tag-rules.ts";

interface Tag {
  name: string;
  param: string;
}
type Obj = Record<string, unknown>;

const tagCache = new Map<string, Tag[]>();
function parseTags(tags: string): Tag[] {
  let parsed = tagCache.get(tags);
  if (!parsed) {
    parsed = tags
      .split(",")
      .filter((t) => t !== "")
      .map((t) => {
        const eq = t.indexOf("=");
        return eq < 0 ? { name: t, param: "" } : { name: t.slice(0, eq), param: t.slice(eq + 1) };
      });
    tagCache.set(tags, parsed);
  }
  return parsed;
}

/** A dotted result key from a validator namespace: `description[en].x` → `description.en.x`, `[en-US]` stays. */
const toKey = (namespace: string): string => namespace.replace(/\[([A-Za-z]+)\]/g, ".$1");

export function validateTags(document: Obj, fields: Field[]): ValidationResult[] {
  const out: ValidationResult[] = [];
  validateStruct(document, fields, "", out);
  return out;
}

function validateStruct(obj: Obj, fields: Field[], namespace: string, out: ValidationResult[]): void {
  for (const field of fields) {
    const ns = namespace === "" ? field.name : `${namespace}.${field.name}`;
    let value = obj[field.name];
    if (value === undefined && !field.nilable) value = zeroValue(field.type);
    validateValue(value, field.type, field.nilable, parseTags(field.tags), ns, field.name, obj, out);
  }
}

function zeroValue(kind: Kind): unknown {
  if (kind.kind === "struct") return {};
  if (kind.kind === "bool") return false;
  return "";
}

function validateValue(
  value: unknown,
  type: Kind,
  nilable: boolean,
  tags: Tag[],
  ns: string,
  display: string,
  parent: Obj,
  out: ValidationResult[],
): void {
  const fail = (tag: Tag) => {
    const rule = TAG_RULES[tag.name];
    out.push(errorAt(toKey(ns), rule ? rule.message(display, tag.param, value) : failMessage(tag, display)));
  };
  for (const [i, tag] of tags.entries()) {
    if (tag.name === "dive") {
      if (value !== undefined) dive(value, type, tags.slice(i + 1), ns, display, out);
      return;
    }
    const isNil = value === undefined || value === null;
    if (tag.name === "omitempty" && (isNil || (!nilable && (value === "" || value === false)))) return;
    if (tag.name === "omitnil" && isNil) return;
    if (tag.name === "omitempty" || tag.name === "omitnil") continue;
    if (tag.name === "required") {
      if (isNil || (!nilable && value === "")) {
        fail(tag);
        return;
      }
      continue;
    }
    if (tag.name === "required_if" || tag.name === "excluded_unless") {
      const [other = "", expected = ""] = tag.param.split(/\s+/);
      const matches = parent[other] === expected;
      if (tag.name === "required_if" && matches && isNil) {
        fail(tag);
        return;
      }
      if (tag.name === "excluded_unless" && !matches && !isNil) {
        fail(tag);
        return;
      }
      continue;
    }
    // Any other rule on a missing optional value fails outright, as the reference does for nil pointers.
    if (isNil && nilable && tag.name !== "gt") {
      fail(tag);
      return;
    }
    const rule = TAG_RULES[tag.name];
    if (rule && !rule.check(value, tag.param)) {
      fail(tag);
      return;
    }
  }
  if (type.kind === "struct" && value !== undefined && value !== null) {
    validateStruct(value as Obj, type.fields, ns, out);
  }
}

function dive(
  value: unknown,
  type: Kind,
  rest: Tag[],
  ns: string,
  display: string,
  out: ValidationResult[],
): void {
  if (type.kind === "list" || type.kind === "urlOrUrls") {
    const of: Kind = type.kind === "list" ? type.of : { kind: "url" };
    const elementNilable = of.kind === "url";
    for (const [i, element] of (value as unknown[]).entries()) {
      validateValue(element, of, elementNilable, rest, `${ns}[${i}]`, `${display}[${i}]`, {}, out);
    }
  } else if (type.kind === "map") {
    for (const [key, element] of Object.entries(value as Obj)) {
      validateValue(element, type.of, false, rest, `${ns}[${key}]`, `${display}[${key}]`, {}, out);
    }
  }
}

function failMessage(tag: Tag, field: string): string {
  if (tag.name === "required") return `${field} is a required field`;
  const [other = "", expected = ""] = tag.param.split(/\s+/);
  if (tag.name === "required_if") return `${field} is a required field when "${other}" is "${expected}"`;
  if (tag.name === "excluded_unless")
    return `${field} must not be present unless "${other}" is "${expected}"`;
  return `${field} failed on the '${tag.name}' tag`;
}
