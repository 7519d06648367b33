import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/http.ts";
import { specCall as call } from "./spec-call.ts";

const org = () => `https://github.com/org-${Math.random().toString(36).slice(2, 10)}`;

async function createPublisher(t: TestApp, extra: Record<string, unknown> = {}) {
  const res = await call(t, "POST", "/v1/publishers", {
    json: { description: "Comune di Prova", codeHosting: [{ url: org(), group: true }], ...extra },
    headers: { authorization: t.bearer(["publishers:write"]) },
  });
  expect(res.status).toBe(200);
  return res.body;
}

describe("/v1/publishers", () => {
  it("creates a publisher and serves it by id and by alternativeId", async () => {
    const t = createTestApp();
    const created = await createPublisher(t, { alternativeId: "c_prova", email: "info@prova.example" });
    expect(created).toMatchObject({ description: "Comune di Prova", alternativeId: "c_prova", active: true });
    expect((await call(t, "GET", `/v1/publishers/${created.id}`)).body).toEqual(created);
    expect((await call(t, "GET", "/v1/publishers/c_prova")).body.id).toBe(created.id);
  });

  it("lists active publishers by default and all of them with all=true", async () => {
    const t = createTestApp();
    const active = await createPublisher(t);
    const inactive = await createPublisher(t, { active: false });
    const listed = (await call(t, "GET", "/v1/publishers")).body.data.map((p: { id: string }) => p.id);
    expect(listed).toEqual([active.id]);
    const all = (await call(t, "GET", "/v1/publishers?all=true")).body.data.map((p: { id: string }) => p.id);
    expect(all.sort()).toEqual([active.id, inactive.id].sort());
  });

  it("merge-patches a publisher's description and keeps the other fields", async () => {
    const t = createTestApp();
    const created = await createPublisher(t, { alternativeId: "c_merge" });
    const res = await call(t, "PATCH", "/v1/publishers/c_merge", {
      body: JSON.stringify({ description: "Comune di Prova (nuovo nome)" }),
      headers: {
        "content-type": "application/merge-patch+json",
        authorization: t.bearer(["publishers:write"]),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.id,
      description: "Comune di Prova (nuovo nome)",
      alternativeId: "c_merge",
    });
  });

  it("deletes a publisher, after which it is 404", async () => {
    const t = createTestApp();
    const created = await createPublisher(t);
    const auth = { authorization: t.bearer(["publishers:write"]) };
    expect((await call(t, "DELETE", `/v1/publishers/${created.id}`, { headers: auth })).status).toBe(204);
    expect((await call(t, "GET", `/v1/publishers/${created.id}`)).status).toBe(404);
  });

  it("refuses a publisher without code hosting with 422", async () => {
    const t = createTestApp();
    const res = await call(t, "POST", "/v1/publishers", {
      json: { description: "Senza sorgenti", codeHosting: [] },
      headers: { authorization: t.bearer(["publishers:write"]) },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe("codeHosting");
  });
});
