import { describe, expect, it } from "vitest";
import { SearchResultSchema } from "../../../src/http/routes/search/schemas.ts";
import { createTestApp, samplePubliccode, type TestApp, uniqueRepoUrl } from "../../support/http.ts";

interface SearchBody {
  data: { id: string; name: string; score: number }[];
  facets: Record<string, { value: string; count: number }[]>;
  total: number;
  links: { next: string | null };
}

async function addSoftware(t: TestApp, name: string, words: string) {
  const url = uniqueRepoUrl();
  const res = await t.request("/v1/software", {
    method: "POST",
    json: { url, publiccodeYml: samplePubliccode(url, name, words) },
    headers: { authorization: t.bearer(["software:write"]) },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function search(t: TestApp, query: string): Promise<SearchBody> {
  const res = await t.request(`/v1/search?${query}`);
  expect(res.status).toBe(200);
  const body = await res.json();
  // Not part of the open-catalog-api: checked against the route's own documented schema instead.
  expect(SearchResultSchema.safeParse(body).error).toBeUndefined();
  return body as SearchBody;
}

describe("GET /v1/search", () => {
  it("ranks a name match above a description-only match", async () => {
    const t = createTestApp();
    const inDescription = await addSoftware(t, "Archivio Uno", "protocollo");
    const inName = await addSoftware(t, "Protocollo Informatico", "");
    await addSoftware(t, "Unrelated Tool", "");
    const body = await search(t, "q=protocollo");
    expect(body.data.map((h) => h.id)).toEqual([inName, inDescription]);
    expect(body.total).toBe(2);
    expect(body.data[0]!.score).toBeGreaterThan(body.data[1]!.score);
  });

  it("filters by facets and returns facet counts over the filtered set", async () => {
    const t = createTestApp();
    await addSoftware(t, "Gestione Atti", "");
    const body = await search(t, "q=atti&platform=web&license=EUPL-1.2");
    expect(body.total).toBe(1);
    expect(body.facets.platform).toEqual(
      expect.arrayContaining([
        { value: "web", count: 1 },
        { value: "linux", count: 1 },
      ]),
    );
    expect((await search(t, "q=atti&platform=ios")).total).toBe(0);
  });

  it("pages through results with links.next", async () => {
    const t = createTestApp();
    for (const n of ["Alpha", "Beta", "Gamma"]) await addSoftware(t, `Registro ${n}`, "");
    const first = await search(t, "q=registro&page[size]=2");
    expect(first.data).toHaveLength(2);
    const second = await search(
      t,
      `q=registro&page[size]=2&page[after]=${encodeURIComponent(first.links.next!)}`,
    );
    expect(second.data).toHaveLength(1);
    expect(second.links.next).toBeNull();
    expect(new Set([...first.data, ...second.data].map((h) => h.id)).size).toBe(3);
  });

  it("shows a write made after a cached search on the very next search", async () => {
    const t = createTestApp();
    await addSoftware(t, "Protocollo Uno", "");
    const query = "q=protocollo&platform=web";
    const first = await search(t, query);
    expect((await search(t, query)).total).toBe(first.total); // now answered from the cache
    const added = await addSoftware(t, "Protocollo Due", "");
    const after = await search(t, query);
    expect(after.total).toBe(first.total + 1);
    expect(after.data.map((h) => h.id)).toContain(added);
  });

  it("tags results with a strong ETag and answers a matching If-None-Match with 304", async () => {
    const t = createTestApp();
    await addSoftware(t, "Registro Atti", "");
    const first = await t.request("/v1/search?q=registro");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const body = await first.text();

    const again = await t.request("/v1/search?q=registro", { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const weak = await t.request("/v1/search?q=registro", { headers: { "if-none-match": `"x", W/${etag}` } });
    expect(weak.status).toBe(304);

    // Another search, and the same search after a write, carry other tags (and their bodies).
    expect((await t.request("/v1/search?q=delibere")).headers.get("etag")).not.toBe(etag);
    await addSoftware(t, "Registro Protocollo", "");
    const changed = await t.request("/v1/search?q=registro", { headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).not.toBe(body);
  });

  it("takes facetLimit for the number of values per facet (1 to 500)", async () => {
    const t = createTestApp();
    await addSoftware(t, "Gestione Atti", "");
    expect((await search(t, "q=atti")).facets.platform).toHaveLength(2);
    expect((await search(t, "q=atti&facetLimit=1")).facets.platform).toEqual([{ value: "linux", count: 1 }]);
    expect((await t.request("/v1/search?q=atti&facetLimit=501")).status).toBe(400);
  });

  it("answers a tampered cursor with a problem, not a 500", async () => {
    const res = await createTestApp().request("/v1/search?q=x&page[after]=bm9wZQ==");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers a malformed updatedSince with 400", async () => {
    const res = await createTestApp().request("/v1/search?updatedSince=yesterday");
    expect(res.status).toBe(400);
  });
});
