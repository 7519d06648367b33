import { describe, expect, it } from "vitest";
import { applyJsonPatch, JsonPatchError } from "../../../src/services/lib/json-patch.ts";
import { applyMergePatch } from "../../../src/services/lib/merge-patch.ts";

describe("applyJsonPatch (RFC 6902)", () => {
  const doc = { a: { b: 1 }, list: ["x", "y"], "we/ird~key": true };

  it.each([
    {
      name: "add to object",
      ops: [{ op: "add" as const, path: "/a/c", value: 2 }],
      expected: { ...doc, a: { b: 1, c: 2 } },
    },
    {
      name: "add to array end",
      ops: [{ op: "add" as const, path: "/list/-", value: "z" }],
      expected: { ...doc, list: ["x", "y", "z"] },
    },
    {
      name: "insert in array",
      ops: [{ op: "add" as const, path: "/list/0", value: "w" }],
      expected: { ...doc, list: ["w", "x", "y"] },
    },
    { name: "remove", ops: [{ op: "remove" as const, path: "/a/b" }], expected: { ...doc, a: {} } },
    {
      name: "replace",
      ops: [{ op: "replace" as const, path: "/list/1", value: "Y" }],
      expected: { ...doc, list: ["x", "Y"] },
    },
    {
      name: "move",
      ops: [{ op: "move" as const, from: "/a/b", path: "/n" }],
      expected: { ...doc, a: {}, n: 1 },
    },
    {
      name: "copy",
      ops: [{ op: "copy" as const, from: "/list", path: "/l2" }],
      expected: { ...doc, l2: ["x", "y"] },
    },
    {
      name: "escaped pointer",
      ops: [{ op: "remove" as const, path: "/we~1ird~0key" }],
      expected: { a: { b: 1 }, list: ["x", "y"] },
    },
    {
      name: "test with other key order",
      ops: [{ op: "test" as const, path: "", value: { list: ["x", "y"], "we/ird~key": true, a: { b: 1 } } }],
      expected: doc,
    },
  ])("$name", ({ ops, expected }) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it.each([
    { name: "missing path", ops: [{ op: "remove" as const, path: "/nope" }] },
    { name: "index out of bounds", ops: [{ op: "add" as const, path: "/list/5", value: 1 }] },
    { name: "failed test", ops: [{ op: "test" as const, path: "/a/b", value: 2 }] },
    { name: "move into itself", ops: [{ op: "move" as const, from: "/a", path: "/a/b/c" }] },
    { name: "bad pointer", ops: [{ op: "add" as const, path: "a", value: 1 }] },
  ])("throws JsonPatchError for $name and leaves the input untouched", ({ ops }) => {
    const copy = structuredClone(doc);
    expect(() => applyJsonPatch(doc, ops)).toThrow(JsonPatchError);
    expect(doc).toEqual(copy);
  });
});

describe("applyMergePatch (RFC 7396)", () => {
  it("merges objects, removes nulls and replaces arrays", () => {
    expect(
      applyMergePatch({ a: "b", c: { d: "e", f: "g" }, l: [1] }, { a: "z", c: { f: null }, l: [2, 3] }),
    ).toEqual({
      a: "z",
      c: { d: "e" },
      l: [2, 3],
    });
  });

  it("replaces the target when the patch is not an object", () => {
    expect(applyMergePatch({ a: 1 }, ["x"])).toEqual(["x"]);
  });
});
