import { describe, expect, it } from "vitest";
import { createTestApp } from "../../support/http.ts";

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>
  >;
  components: { securitySchemes: Record<string, unknown> };
}

describe("GET /openapi.json", () => {
  it("serves an OpenAPI 3.1 document generated from the routes", async () => {
    const res = await createTestApp().request("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/status",
        "/v1/software",
        "/v1/software/{id}",
        "/v1/software/{id}/status",
        "/v1/publishers/{id}",
        "/v1/search",
        "/v1/logs",
        "/v1/catalogs",
      ]),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents every search filter and both PATCH media types", async () => {
    const doc = (await (await createTestApp().request("/openapi.json")).json()) as Doc;
    const params = doc.paths["/v1/search"]!.get!.parameters!.map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining([
        "q",
        "category",
        "platform",
        "license",
        "language",
        "country",
        "developmentStatus",
        "softwareType",
        "publisher",
        "updatedSince",
        "page[size]",
        "page[after]",
      ]),
    );
    const patch = doc.paths["/v1/software/{id}"]!.patch as unknown as {
      requestBody: { content: Record<string, unknown> };
    };
    expect(Object.keys(patch.requestBody.content).sort()).toEqual([
      "application/json-patch+json",
      "application/merge-patch+json",
    ]);
  });
});

describe("GET /docs", () => {
  it("serves a browsable API reference pointing at /openapi.json", async () => {
    const res = await createTestApp().request("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("swagger-ui");
    expect(html).toContain("/openapi.json");
  });
});
