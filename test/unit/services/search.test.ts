import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../../../src/publiccode/data/categories.ts";
import { InvalidInputError } from "../../../src/services/errors.ts";
import { toFtsQuery } from "../../../src/services/search/fts-query.ts";
import { searchSoftware } from "../../../src/services/search/index.ts";
import { updateSoftware } from "../../../src/services/software/index.ts";
import { makePublisher, makeSoftware } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("toFtsQuery", () => {
  it("quotes every word, prefixes the last and drops FTS operators' syntax", () => {
    expect(toFtsQuery('gestione "OR" NEAR(protocollo')).toBe('"gestione" "OR" "NEAR" "protocollo"*');
    expect(toFtsQuery("  ,;  ")).toBeNull();
  });
});

describe("searchSoftware", () => {
  it("ranks a name match above a description match", async () => {
    const { ctx } = createTestStore();
    const inDescription = await makeSoftware(ctx, {
      publiccode: {
        name: "Other tool",
        longDescription: `${"Filler text for the length rule. ".repeat(5)} protocollo`,
      },
    });
    const inName = await makeSoftware(ctx, { publiccode: { name: "Protocollo informatico" } });
    const result = await searchSoftware({ ctx, input: { q: "protocollo" } });
    expect(result.data.map((h) => h.id)).toEqual([inName.id, inDescription.id]);
    expect(result.data[0]!.score).toBeGreaterThan(result.data[1]!.score);
  });

  it("matches descriptions in every language and ignores accents", async () => {
    const { ctx } = createTestStore();
    const italian = await makeSoftware(ctx, {
      publiccode: { lang: "it", shortDescription: "Gestione della città" },
    });
    const result = await searchSoftware({ ctx, input: { q: "citta" } });
    expect(result.data.map((h) => h.id)).toEqual([italian.id]);
    expect(result.data[0]!.description).toBe("Gestione della città");
  });

  it("matches features and a typed prefix", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, { publiccode: { features: ["Firma digitale remota"] } });
    expect((await searchSoftware({ ctx, input: { q: "firm" } })).data.map((h) => h.id)).toEqual([
      software.id,
    ]);
  });

  it.each([
    { name: "category", filters: { category: "it-development" } },
    { name: "platform", filters: { platform: "linux" } },
    { name: "license id inside an expression", filters: { license: "MIT" } },
    { name: "language", filters: { language: "it" } },
    { name: "country", filters: { country: "IT" } },
    { name: "developmentStatus", filters: { developmentStatus: "stable" } },
    { name: "softwareType", filters: { softwareType: "library" } },
    { name: "several values of one facet", filters: { developmentStatus: ["stable", "beta"] } },
  ])("filters by $name", async ({ filters }) => {
    const { ctx } = createTestStore();
    const wanted = await makeSoftware(ctx, {
      publiccode: {
        categories: ["it-development"],
        platforms: ["linux"],
        license: "EUPL-1.2 OR MIT",
        languages: ["it"],
        countries: ["IT"],
        developmentStatus: "stable",
        softwareType: "library",
      },
    });
    await makeSoftware(ctx, { publiccode: { developmentStatus: "development" } });
    const result = await searchSoftware({ ctx, input: { filters } });
    expect(result.data.map((h) => h.id)).toEqual([wanted.id]);
    expect(result.total).toBe(1);
  });

  it("filters by publisher and updatedSince together with text", async () => {
    const { ctx, clock } = createTestStore();
    const publisher = await makePublisher(ctx);
    await makeSoftware(ctx, { publisherId: publisher.id, publiccode: { name: "Archivio vecchio" } });
    clock.advance(60_000);
    const since = clock.now();
    const recent = await makeSoftware(ctx, {
      publisherId: publisher.id,
      publiccode: { name: "Archivio nuovo" },
    });
    await makeSoftware(ctx, { publiccode: { name: "Archivio altrui" } });
    const result = await searchSoftware({
      ctx,
      input: { q: "archivio", filters: { publisher: publisher.id }, updatedSince: since },
    });
    expect(result.data.map((h) => h.id)).toEqual([recent.id]);
  });

  it("counts facets over the filtered result set", async () => {
    const { ctx } = createTestStore();
    await makeSoftware(ctx, {
      publiccode: { name: "Mappa uno", platforms: ["web", "linux"], developmentStatus: "stable" },
    });
    await makeSoftware(ctx, {
      publiccode: { name: "Mappa due", platforms: ["web"], developmentStatus: "beta" },
    });
    await makeSoftware(ctx, {
      publiccode: { name: "Altro", platforms: ["windows"], developmentStatus: "stable" },
    });
    const result = await searchSoftware({ ctx, input: { q: "mappa" } });
    expect(result.facets.platform).toEqual([
      { value: "web", count: 2 },
      { value: "linux", count: 1 },
    ]);
    const unfiltered = await searchSoftware({ ctx, input: {} });
    expect(unfiltered.facets.developmentStatus).toEqual([
      { value: "stable", count: 2 },
      { value: "beta", count: 1 },
    ]);
  });

  it("returns the ten most frequent values per facet unless asked for another number", async () => {
    const { ctx } = createTestStore();
    const categories = [...CATEGORIES].sort().slice(0, 12);
    // Category i is on 12 - i software, so the top ten are the first ten, in that order.
    for (let n = 0; n < categories.length; n++) {
      await makeSoftware(ctx, {
        publiccode: { name: `Registro ${n}`, categories: categories.slice(0, n + 1) },
      });
    }
    for (const input of [{ q: "registro" }, {}, { q: "registro", filters: { platform: "web" } }]) {
      const counts = (await searchSoftware({ ctx, input })).facets.category!;
      expect(counts.map((c) => c.value)).toEqual(categories.slice(0, 10));
      expect(counts[0]).toEqual({ value: categories[0], count: 12 });
      const more = await searchSoftware({ ctx, input: { ...input, facetLimit: 11 } });
      expect(more.facets.category).toHaveLength(11);
    }
  });

  it("counts facets of a filtered set without text, combining facets and updatedSince", async () => {
    const { ctx, clock } = createTestStore();
    await makeSoftware(ctx, {
      publiccode: { platforms: ["web"], developmentStatus: "stable", license: "MIT" },
    });
    clock.advance(60_000);
    const since = clock.now();
    const wanted = await makeSoftware(ctx, {
      publiccode: { platforms: ["web"], developmentStatus: "stable", license: "MIT" },
    });
    await makeSoftware(ctx, {
      publiccode: { platforms: ["web"], developmentStatus: "beta", license: "MIT" },
    });
    const result = await searchSoftware({
      ctx,
      input: { filters: { platform: "web", developmentStatus: ["stable", "obsolete"] }, updatedSince: since },
    });
    expect(result.data.map((h) => h.id)).toEqual([wanted.id]);
    expect(result.total).toBe(1);
    expect(result.facets.license).toEqual([{ value: "MIT", count: 1 }]);
  });

  it("pages and counts facets of a text search with filters", async () => {
    const { ctx } = createTestStore();
    const wanted: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sw = await makeSoftware(ctx, {
        publiccode: { name: `Tributi ${i}`, platforms: ["web", i % 2 ? "linux" : "windows"] },
      });
      wanted.push(sw.id);
    }
    await makeSoftware(ctx, { publiccode: { name: "Tributi desktop", platforms: ["mac"] } });
    const seen: string[] = [];
    let cursor: string | undefined;
    let first: Awaited<ReturnType<typeof searchSoftware>> | undefined;
    do {
      const page = await searchSoftware({
        ctx,
        input: { q: "tributi", filters: { platform: "web" }, limit: 2, ...(cursor ? { cursor } : {}) },
      });
      first ??= page;
      seen.push(...page.data.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen)).toEqual(new Set(wanted));
    expect(seen).toHaveLength(5);
    expect(first?.total).toBe(5);
    expect(first?.facets.platform).toEqual([
      { value: "web", count: 5 },
      { value: "windows", count: 3 },
      { value: "linux", count: 2 },
    ]);
    expect(
      (await searchSoftware({ ctx, input: { q: "tributi", filters: { platform: "amiga" } } })).total,
    ).toBe(0);
  });

  it("sees writes made between two searches in its facet counts", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, {
      publiccode: { name: "Contatore", developmentStatus: "beta" },
    });
    const before = await searchSoftware({ ctx, input: { q: "contatore" } });
    expect(before.facets.developmentStatus).toEqual([{ value: "beta", count: 1 }]);
    await updateSoftware({
      ctx,
      input: { id: software.id, patch: { overrides: { developmentStatus: "stable" } } },
    });
    await makeSoftware(ctx, { publiccode: { name: "Contatore due", developmentStatus: "beta" } });
    const after = await searchSoftware({ ctx, input: { q: "contatore" } });
    expect(after.facets.developmentStatus).toEqual([
      { value: "beta", count: 1 },
      { value: "stable", count: 1 },
    ]);
  });

  it("keeps unfiltered facet counts right after updates", async () => {
    const { ctx } = createTestStore();
    const software = await makeSoftware(ctx, { publiccode: { developmentStatus: "beta" } });
    await updateSoftware({
      ctx,
      input: { id: software.id, patch: { overrides: { developmentStatus: "stable" } } },
    });
    const result = await searchSoftware({ ctx, input: {} });
    expect(result.facets.developmentStatus).toEqual([{ value: "stable", count: 1 }]);
    await updateSoftware({ ctx, input: { id: software.id, patch: { active: false } } });
    expect((await searchSoftware({ ctx, input: {} })).facets.developmentStatus).toEqual([]);
  });

  it.each([
    { name: "with text", q: "paged" },
    { name: "without text", q: undefined },
  ])("returns every hit exactly once across cursor pages ($name)", async ({ q }) => {
    const { ctx, clock } = createTestStore();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await makeSoftware(ctx, { publiccode: { name: `Paged ${i}` } })).id);
      if (i % 3 === 0) clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchSoftware({
        ctx,
        input: { q, limit: 3, facets: false, ...(cursor ? { cursor } : {}) },
      });
      expect(page.total).toBe(7);
      seen.push(...page.data.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it("rejects a cursor from another kind of query", async () => {
    const { ctx } = createTestStore();
    for (let i = 0; i < 3; i++) await makeSoftware(ctx, { publiccode: { name: `Cursor ${i}` } });
    const page = await searchSoftware({ ctx, input: { limit: 1 } });
    await expect(
      searchSoftware({ ctx, input: { q: "cursor", cursor: page.nextCursor! } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
