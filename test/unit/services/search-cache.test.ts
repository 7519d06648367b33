import { describe, expect, it } from "vitest";
import { searchSoftware, setSearchCacheSize } from "../../../src/services/search/index.ts";
import { cachedSearch } from "../../../src/services/search/result-cache.ts";
import { updateSoftware } from "../../../src/services/software/index.ts";
import { makeSoftware } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("search result cache", () => {
  it("answers a repeated search alike, and callers cannot alter what it keeps", async () => {
    const { ctx } = createTestStore();
    await makeSoftware(ctx, { publiccode: { name: "Protocollo informatico" } });
    const input = { q: "protocollo", filters: { platform: "web" } };
    const first = await searchSoftware({ ctx, input });
    expect(() => {
      first.data[0]!.name = "changed by a caller";
    }).toThrow(TypeError);
    const second = await searchSoftware({ ctx, input: { filters: { platform: "web" }, q: "protocollo" } });
    expect(second.data[0]!.name).toBe("Protocollo informatico");
    expect(second.total).toBe(first.total);
  });

  it("sees a write made between two identical searches", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, { publiccode: { name: "Anagrafe" } });
    expect((await searchSoftware({ ctx, input: { q: "anagrafe" } })).total).toBe(1);
    await updateSoftware({ ctx, input: { id: software.id, patch: { active: false } } });
    expect((await searchSoftware({ ctx, input: { q: "anagrafe" } })).total).toBe(0);
  });

  it("gives the same answers when turned off", async () => {
    const { ctx } = createTestStore();
    setSearchCacheSize(ctx.db, 0);
    await makeSoftware(ctx, { publiccode: { name: "Tributi" } });
    expect((await searchSoftware({ ctx, input: { q: "tributi" } })).total).toBe(1);
    expect((await searchSoftware({ ctx, input: { q: "tributi" } })).total).toBe(1);
  });

  it("keeps at most its size, dropping the least recently used, and starts over after a write", async () => {
    const { ctx } = createTestStore();
    setSearchCacheSize(ctx.db, 2);
    const computed: string[] = [];
    const search = (key: string) =>
      cachedSearch(ctx.db, key, () => {
        computed.push(key);
        return { key };
      });
    search("a");
    search("b");
    search("a"); // hit: a becomes the most recently used
    search("c"); // evicts b
    search("a");
    search("b");
    expect(computed).toEqual(["a", "b", "c", "b"]);
    await makeSoftware(ctx, { publiccode: { name: "Anything" } }); // appends to the change log
    search("a");
    expect(computed).toEqual(["a", "b", "c", "b", "a"]);
  });

  it("returns the very same object on a hit, so derived forms can be kept per result", async () => {
    const { ctx } = createTestStore();
    await makeSoftware(ctx, { publiccode: { name: "Protocollo" } });
    const input = { q: "protocollo" };
    const first = await searchSoftware({ ctx, input });
    expect(await searchSoftware({ ctx, input })).toBe(first);
    await makeSoftware(ctx, { publiccode: { name: "Protocollo due" } });
    const afterWrite = await searchSoftware({ ctx, input });
    expect(afterWrite).not.toBe(first);
    expect(afterWrite.total).toBe(2);
  });

  it("is one entry for one search whatever the order of its filters, and apart for other parameters", async () => {
    const { ctx } = createTestStore();
    await makeSoftware(ctx, { publiccode: { name: "Protocollo" } });
    const first = await searchSoftware({
      ctx,
      input: { q: "protocollo", filters: { platform: "web", developmentStatus: "stable" } },
    });
    const reordered = await searchSoftware({
      ctx,
      input: { filters: { developmentStatus: "stable", platform: "web" }, q: "  protocollo " },
    });
    expect(reordered).toBe(first);
    const other = await searchSoftware({
      ctx,
      input: { q: "protocollo", filters: { platform: "web", developmentStatus: "stable" }, limit: 5 },
    });
    expect(other).not.toBe(first);
  });
});
