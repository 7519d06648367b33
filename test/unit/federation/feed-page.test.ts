import { describe, expect, it } from "vitest";
import { FeedPageError, readFeedPage } from "../../../src/federation/feed-page.ts";
import { softwareRecord } from "./factories.ts";

describe("readFeedPage", () => {
  it("parses each record on its own, keeping good ones next to refused ones", () => {
    const good = softwareRecord();
    const page = readFeedPage({ records: [good, { ...good, id: 5 }], hasMore: true, nextCursor: "abc" });
    expect(page.hasMore).toBe(true);
    expect(page.nextCursor).toBe("abc");
    expect(page.records[0]).toEqual({ ok: true, record: good });
    expect(page.records[1]).toMatchObject({ ok: false, reason: expect.stringContaining("id") });
  });

  it("requires changesCursor on snapshot pages", () => {
    const frame = { records: [], hasMore: false, nextCursor: "n" };
    expect(() => readFeedPage(frame, "snapshot")).toThrow(FeedPageError);
    expect(readFeedPage({ ...frame, changesCursor: "c" }, "snapshot").changesCursor).toBe("c");
  });

  it.each([
    { name: "more than 500 records", page: { records: Array(501).fill({}), hasMore: true, nextCursor: "n" } },
    { name: "a missing cursor", page: { records: [], hasMore: false } },
    { name: "an oversized cursor", page: { records: [], hasMore: false, nextCursor: "x".repeat(513) } },
    { name: "a string", page: "records" },
  ])("refuses a page with $name as a whole", ({ page }) => {
    expect(() => readFeedPage(page)).toThrow(FeedPageError);
  });
});
