import { describe, expect, it } from "vitest";
import { createServiceContext } from "../../../src/services/context.ts";
import { addPeer } from "../../../src/services/federation/index.ts";
import { createTestApp, type TestApp } from "../../support/http.ts";
import { specCall as call } from "./spec-call.ts";

// An open-catalog-api peer is registered by URL alone (its id is its host; no descriptor to fetch).
async function registerMirror(t: TestApp, url: string, name?: string) {
  const ctx = createServiceContext({ db: t.handle.db, clock: t.clock, actor: "test" });
  return addPeer(
    ctx,
    { selfCatalogueId: "self.example", allowPrivateNetwork: false },
    { url, kind: "open-catalog-api", ...(name ? { name } : {}) },
  );
}

describe("GET /v1/catalogs", () => {
  it("lists no catalog while no peer is registered", async () => {
    const res = await call(createTestApp(), "GET", "/v1/catalogs");
    expect(res.body).toEqual({ data: [], links: { prev: null, next: null } });
  });

  it("lists the registered peers in the spec's Catalog shape, with stable UUID-shaped ids", async () => {
    const t = createTestApp();
    await registerMirror(t, "https://catalog.one.example/v1", "Catalogo Uno");
    t.clock.advance(1000);
    await registerMirror(t, "https://catalog.two.example/v1");
    const res = await call(t, "GET", "/v1/catalogs");
    expect(res.body.data).toEqual([
      {
        id: expect.stringMatching(/^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/),
        name: "Catalogo Uno",
        alternativeId: "catalog.one.example",
        active: true,
        sources: [{ url: "https://catalog.one.example/v1", driver: "open-catalog-api" }],
        createdAt: "2025-01-15T10:00:00.000Z",
        updatedAt: "2025-01-15T10:00:00.000Z",
      },
      expect.objectContaining({ name: "catalog.two.example", alternativeId: "catalog.two.example" }),
    ]);
    const [one, two] = res.body.data;
    expect(one.id).not.toBe(two.id);
    expect((await call(t, "GET", "/v1/catalogs?all=true")).body.data).toEqual(res.body.data);
  });

  it("pages both ways", async () => {
    const t = createTestApp();
    for (const n of ["a", "b", "c"]) await registerMirror(t, `https://${n}.example`);
    const first = await call(t, "GET", "/v1/catalogs?page[size]=2");
    expect(first.body.data.map((c: { alternativeId: string }) => c.alternativeId)).toEqual([
      "a.example",
      "b.example",
    ]);
    const second = await call(
      t,
      "GET",
      `/v1/catalogs?page[size]=2&page[after]=${encodeURIComponent(first.body.links.next)}`,
    );
    expect(second.body.data.map((c: { alternativeId: string }) => c.alternativeId)).toEqual(["c.example"]);
    expect(second.body.links.next).toBeNull();
    const back = await call(
      t,
      "GET",
      `/v1/catalogs?page[size]=2&page[before]=${encodeURIComponent(second.body.links.prev)}`,
    );
    expect(back.body).toEqual(first.body);
  });
});
