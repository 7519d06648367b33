import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../../src/services/lib/cursor.ts";
import { appendLog, listLogs } from "../../../src/services/logs/index.ts";
import { makeSoftware } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("logs", () => {
  it("lists global and per-software entries newest first, with a cursor and a text search", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx);
    await appendLog({ ctx, input: { message: "crawl started" } });
    await appendLog({ ctx, input: { message: "fetched 100%_done", softwareId: software.id } });
    await appendLog({ ctx, input: { message: "crawl finished" } });
    const global = await listLogs({ ctx, input: { globalOnly: true, limit: 1 } });
    expect(global.data.map((l) => l.message)).toEqual(["crawl finished"]);
    const next = await listLogs({ ctx, input: { globalOnly: true, cursor: global.nextCursor! } });
    expect(next.data.map((l) => l.message)).toEqual(["crawl started"]);
    const own = await listLogs({ ctx, input: { softwareId: software.id } });
    expect(own.data.map((l) => l.message)).toEqual(["fetched 100%_done"]);
    // % and _ are literal characters in the search, not wildcards.
    expect((await listLogs({ ctx, input: { search: "0%_" } })).data).toHaveLength(1);
    expect((await listLogs({ ctx, input: { search: "%" } })).data).toHaveLength(1);
  });

  it("gives a previous page only when rows come before it, whatever the cursor pointed at", async () => {
    const { ctx } = createTestStore();
    for (const message of ["a", "b", "c"]) await appendLog({ ctx, input: { message } });
    const newest = (await listLogs({ ctx, input: { limit: 1 } })).data[0]!;
    // A cursor past the newest entry (as if that row were gone): the page is the top of the list.
    const top = await listLogs({ ctx, input: { cursor: encodeCursor([newest.id + 10]), limit: 2 } });
    expect(top.data.map((l) => l.message)).toEqual(["c", "b"]);
    expect(top.prevCursor).toBeNull();
    const below = await listLogs({ ctx, input: { cursor: top.nextCursor!, limit: 2 } });
    expect(below.data.map((l) => l.message)).toEqual(["a"]);
    expect(below.nextCursor).toBeNull();
    const back = await listLogs({ ctx, input: { before: below.prevCursor!, limit: 2 } });
    expect(back.data.map((l) => l.message)).toEqual(["c", "b"]);
    expect(back.prevCursor).toBeNull();
    // Nothing comes before the newest entry (the top of the list); the empty page links nowhere.
    const none = await listLogs({ ctx, input: { before: encodeCursor([newest.id]), limit: 2 } });
    expect(none).toEqual({ data: [], nextCursor: null, prevCursor: null });
  });
});
