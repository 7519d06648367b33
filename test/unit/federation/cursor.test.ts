import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, InvalidCursorError } from "../../../src/federation/cursor.ts";
import { InvalidInputError } from "../../../src/services/errors.ts";

describe("feed cursors", () => {
  it.each([
    { cursor: { kind: "changes" as const, afterSeq: 0 } },
    { cursor: { kind: "changes" as const, afterSeq: 9_007_199_254_740_991 } },
    { cursor: { kind: "snapshot" as const, asOfSeq: 42, afterKey: null } },
    { cursor: { kind: "snapshot" as const, asOfSeq: 42, afterKey: "software:0193-ab" } },
  ])("round-trips $cursor.kind cursors as URL-safe text", ({ cursor }) => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it("encodes the same position to the same text", () => {
    expect(encodeCursor({ kind: "changes", afterSeq: 17 })).toBe(
      encodeCursor({ kind: "changes", afterSeq: 17 }),
    );
  });

  it("rejects a cursor with one character changed", () => {
    const text = encodeCursor({ kind: "changes", afterSeq: 123456 });
    const i = Math.floor(text.length / 2);
    const altered = `${text.slice(0, i)}${text[i] === "A" ? "B" : "A"}${text.slice(i + 1)}`;
    expect(() => decodeCursor(altered)).toThrow(/checksum|unreadable|shape/);
  });

  it.each([
    { name: "empty text", text: "" },
    { name: "non-base64url characters", text: "abc+/=" },
    { name: "a plain number", text: "12" },
    { name: "an overlong value", text: "A".repeat(600) },
    {
      name: "base64 of JSON without checksum",
      text: Buffer.from('{"v":1,"k":"c","s":1}').toString("base64url"),
    },
  ])("rejects $name with an InvalidCursorError", ({ text }) => {
    expect(() => decodeCursor(text)).toThrow(InvalidCursorError);
  });

  it("refuses a snapshot cursor where a changes cursor is expected", () => {
    const text = encodeCursor({ kind: "snapshot", asOfSeq: 1, afterKey: null });
    expect(() => decodeCursor(text, "changes")).toThrow(/snapshot cursor cannot be used/);
  });

  it("is a domain input error naming the cursor field, for the HTTP layer to map", () => {
    const error = (() => {
      try {
        decodeCursor("garbage!");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fields).toEqual([{ field: "cursor", message: expect.any(String) }]);
  });

  it("refuses to encode a negative sequence", () => {
    expect(() => encodeCursor({ kind: "changes", afterSeq: -1 })).toThrow();
  });
});
