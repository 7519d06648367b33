import { describe, expect, it } from "vitest";
import { UuidSchema } from "../../../src/http/openapi.ts";
import { newEntityId } from "../../../src/lib/ids.ts";

describe("newEntityId", () => {
  it("has the UUID v4 shape the open-catalog-api id pattern requires", () => {
    for (let i = 0; i < 100; i++) expect(UuidSchema.safeParse(newEntityId()).success).toBe(true);
  });

  it("starts with the time, so ids of a later millisecond sort after those of an earlier one", () => {
    const at = Date.parse("2026-11-23T10:00:00Z");
    expect(newEntityId(at).replace("-", "").slice(0, 12)).toBe(at.toString(16).padStart(12, "0"));
    const earlier = Array.from({ length: 1000 }, () => newEntityId(at));
    const later = Array.from({ length: 1000 }, () => newEntityId(at + 1));
    expect(earlier.every((a) => later.every((b) => a < b))).toBe(true);
  });

  it("keeps the rest random: ids of the same millisecond do not repeat", () => {
    const ids = Array.from({ length: 10_000 }, () => newEntityId(0));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
