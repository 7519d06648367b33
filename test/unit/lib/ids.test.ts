import { describe, expect, it } from "vitest";
import { UuidSchema } from "../../../src/http/openapi.ts";
import { newEntityId } from "../../../src/lib/ids.ts";

describe("newEntityId", () => {
  it("has the UUID v4 shape the open-catalog-api id pattern requires", () => {
    for (let i = 0; i < 100; i++) expect(UuidSchema.safeParse(newEntityId()).success).toBe(true);
  });

  it("sorts in creation order, also within one millisecond, and never repeats", () => {
    const ids = Array.from({ length: 10_000 }, () => newEntityId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
