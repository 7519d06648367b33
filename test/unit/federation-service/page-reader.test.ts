import { describe, expect, it } from "vitest";
import type { ReadFeedPage } from "../../../src/federation/feed-page.ts";
import { createPageReader, type FeedPosition } from "../../../src/services/federation/page-reader.ts";

/** A feed of `snapshotPages` snapshot pages then `changesPages` changes pages; records name their page. */
function fakeFeed(snapshotPages: number, changesPages: number, failAt?: string) {
  const requests: string[] = [];
  const fetch = async (at: FeedPosition): Promise<ReadFeedPage & { bytes: number }> => {
    const key = `${at.phase}:${at.cursor ?? "start"}`;
    requests.push(key);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (key === failAt) throw new Error(`fetch of ${key} failed`);
    const n = at.cursor === null ? 1 : Number(at.cursor.split("-")[1]);
    const last = at.phase === "snapshot" ? n === snapshotPages : n === changesPages;
    return {
      records: [{ ok: false, id: key, reason: "stand-in" }],
      hasMore: !last,
      nextCursor: `${at.phase}-${last ? n : n + 1}`,
      ...(at.phase === "snapshot" ? { changesCursor: "changes-1" } : {}),
      bytes: 1,
    };
  };
  return { fetch, requests };
}

const check = async (page: ReadFeedPage) => page.records.map((r) => (r.ok ? r.record.id : String(r.id)));
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function readAll(reader: ReturnType<typeof createPageReader<string[]>>) {
  const seen: string[][] = [];
  for (let p = reader.take(); p !== null; p = reader.take()) {
    const read = await p;
    seen.push(await read.checked);
    if (!read.more) break;
  }
  return seen;
}

describe("createPageReader", () => {
  it("reads the snapshot, then the changes feed from the snapshot's changesCursor, in order", async () => {
    const feed = fakeFeed(2, 2);
    const reader = createPageReader(
      { phase: "snapshot", cursor: null },
      { ...feed, check, maxPages: 100, ahead: 2 },
    );
    expect(await readAll(reader)).toEqual([
      ["snapshot:start"],
      ["snapshot:snapshot-2"],
      ["changes:changes-1"],
      ["changes:changes-2"],
    ]);
  });

  it("fetches at most `ahead` pages beyond the one taken", async () => {
    const feed = fakeFeed(10, 1);
    const reader = createPageReader(
      { phase: "snapshot", cursor: null },
      { ...feed, check, maxPages: 100, ahead: 2 },
    );
    await reader.take();
    await tick();
    expect(feed.requests).toHaveLength(3); // the page taken and two ahead of it
    await reader.take();
    await tick();
    expect(feed.requests).toHaveLength(4);
  });

  it("stops at maxPages", async () => {
    const feed = fakeFeed(10, 1);
    const reader = createPageReader(
      { phase: "snapshot", cursor: null },
      { ...feed, check, maxPages: 3, ahead: 2 },
    );
    expect(await readAll(reader)).toHaveLength(3);
    await tick();
    expect(feed.requests).toHaveLength(3);
  });

  it("delivers the pages before a failed fetch, then the failure, and requests nothing after it", async () => {
    const feed = fakeFeed(5, 1, "snapshot:snapshot-3");
    const reader = createPageReader(
      { phase: "snapshot", cursor: null },
      { ...feed, check, maxPages: 100, ahead: 2 },
    );
    expect((await reader.take())?.page.nextCursor).toBe("snapshot-2");
    expect((await reader.take())?.page.nextCursor).toBe("snapshot-3");
    await expect(reader.take()).rejects.toThrow("fetch of snapshot:snapshot-3 failed");
    await tick();
    expect(reader.take()).toBeNull();
    expect(feed.requests).toHaveLength(3);
  });

  it("fails on a peer that claims more without moving its cursor", async () => {
    const fetch = async () => ({ records: [], hasMore: true, nextCursor: "same", bytes: 2 });
    const reader = createPageReader(
      { phase: "changes", cursor: "same" },
      { fetch, check, maxPages: 100, ahead: 2 },
    );
    await expect(reader.take()).rejects.toThrow("peer did not advance its cursor");
  });
});
