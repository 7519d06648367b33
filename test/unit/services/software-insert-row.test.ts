// insertSoftware builds the row it returns from the values it wrote (only the row id comes back from SQLite):
// that row must be exactly what reading it back gives, for every kind of column.
import { describe, expect, it } from "vitest";
import { insertSoftware } from "../../../src/services/software/commit.ts";
import { loadSoftware } from "../../../src/services/software/load.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("insertSoftware", () => {
  it("returns the row as stored: JSON, blob, dates, booleans, nulls, omitted and undefined columns", () => {
    const { ctx } = createTestStore();
    const written = ctx.db.transaction((tx) =>
      insertSoftware(
        tx,
        ctx,
        {
          id: "sw-1",
          url: "https://github.com/org/repo",
          state: "active",
          raw: Buffer.from("name: x\n", "utf8"),
          document: { name: "x", description: { en: { features: ["a", "b"] } } },
          descriptions: { en: { shortDescription: "short", features: ["a"] } },
          categories: ["blog"],
          platforms: [],
          name: "x",
          license: null,
          relayChain: ["b.example"],
          sourceCommitAt: new Date("2026-01-02T03:04:05.678Z"),
          fetchedAt: undefined,
          stateReason: null,
        },
        "test",
        ["https://github.com/org/old-name"],
      ),
    );
    const stored = loadSoftware(ctx.db, "sw-1");
    expect(written.software).toEqual(stored);
    expect(stored.hasPendingInvalid).toBe(false);
    expect(stored.publiccodeYml).toBe("name: x\n");
    expect(stored.aliases).toEqual(["https://github.com/org/old-name"]);
  });
});
