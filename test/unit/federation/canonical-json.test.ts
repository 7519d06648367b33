import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalizeJson } from "../../../src/federation/canonical-json.ts";

describe("canonicalizeJson (RFC 8785)", () => {
  it("serializes numbers as ECMAScript does, as in the RFC's example", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"literals":[null,true,false]}',
    );
    expect(canonicalizeJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
  });

  it("escapes only quote, backslash and control characters, in lower-case hex", () => {
    const input = JSON.parse('{"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/"}');
    expect(canonicalizeJson(input)).toBe('{"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it("sorts keys by UTF-16 code units, recursively, whatever the insertion order", () => {
    const a = { b: 1, a: { z: [3, { y: 1, x: 2 }], "\u20ac": 0, "\ud83d\ude00": 1, "\r": 2 } };
    expect(canonicalizeJson(a)).toBe('{"a":{"\\r":2,"z":[3,{"x":2,"y":1}],"€":0,"😀":1},"b":1}');
  });

  it("produces identical text for equal values built in different orders", () => {
    expect(canonicalizeJson({ x: 1, y: [1, 2], z: { q: null } })).toBe(
      canonicalizeJson({ z: { q: null }, y: [1, 2], x: 1 }),
    );
  });

  it("writes negative zero as 0 and omits undefined members", () => {
    expect(canonicalizeJson({ a: -0, b: undefined })).toBe('{"a":0}');
  });

  it.each([
    { name: "NaN", value: { n: Number.NaN } },
    { name: "Infinity", value: [Number.POSITIVE_INFINITY] },
    { name: "a lone surrogate", value: { s: "\ud800x" } },
    { name: "a Date", value: { d: new Date(0) } },
    { name: "a function", value: { f: () => 1 } },
  ])("refuses $name", ({ value }) => {
    expect(() => canonicalizeJson(value)).toThrow(CanonicalJsonError);
  });
});
