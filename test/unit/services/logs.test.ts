import { describe, expect, it } from "vitest";
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
});
