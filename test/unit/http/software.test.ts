import { describe, expect, it } from "vitest";
import { createTestApp, samplePubliccode, type TestApp, uniqueRepoUrl } from "../../support/http.ts";
import { specCall } from "./spec-call.ts";

const call = specCall;

async function createSoftware(t: TestApp, url = uniqueRepoUrl()) {
  const res = await call(t, "POST", "/v1/software", {
    json: { url, publiccodeYml: samplePubliccode(url) },
    headers: { authorization: t.bearer(["software:write"]) },
  });
  expect(res.status).toBe(200);
  return res.body as { id: string; url: string; publiccodeYml: string; active: boolean };
}

describe("/v1/software", () => {
  it("creates a software from a valid publiccode.yml and serves it by id", async () => {
    const t = createTestApp();
    const url = uniqueRepoUrl();
    const created = await createSoftware(t, url);
    expect(created).toMatchObject({ url, active: true });
    const got = await call(t, "GET", `/v1/software/${created.id}`);
    expect(got.body).toEqual(created);
  });

  it("refuses an invalid publiccode.yml with 422 listing the validator's errors", async () => {
    const t = createTestApp();
    const res = await call(t, "POST", "/v1/software", {
      json: { url: uniqueRepoUrl(), publiccodeYml: "publiccodeYmlVersion: '0.4'\nname: x\n" },
      headers: { authorization: t.bearer(["software:write"]) },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors[0].field).toMatch(/^publiccodeYml/);
  });

  it("answers 409 when the URL already names a software", async () => {
    const t = createTestApp();
    const url = uniqueRepoUrl();
    await createSoftware(t, url);
    const res = await call(t, "POST", "/v1/software", {
      json: { url: `${url}.git`, publiccodeYml: samplePubliccode(url) },
      headers: { authorization: t.bearer(["software:write"]) },
    });
    expect(res.status).toBe(409);
  });

  it("answers 404 for an unknown id", async () => {
    const res = await call(createTestApp(), "GET", "/v1/software/c353756e-8597-4e46-a99b-7da2e141603b");
    expect(res.status).toBe(404);
  });

  it("lists software page by page following links.next", async () => {
    const t = createTestApp();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await createSoftware(t)).id);
      t.clock.advance(1000);
    }
    const first = await call(t, "GET", "/v1/software?page[size]=2");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.links.next).toEqual(expect.any(String));
    const second = await call(
      t,
      "GET",
      `/v1/software?page[size]=2&page[after]=${encodeURIComponent(first.body.links.next)}`,
    );
    expect(second.body.data).toHaveLength(1);
    expect(second.body.links.next).toBeNull();
    const seen = [...first.body.data, ...second.body.data].map((s: { id: string }) => s.id);
    expect(seen.sort()).toEqual(ids.sort());
  });

  it("finds a software by any spelling of its URL with ?url=", async () => {
    const t = createTestApp();
    const url = uniqueRepoUrl();
    const created = await createSoftware(t, url);
    const res = await call(
      t,
      "GET",
      `/v1/software?url=${encodeURIComponent(`${url.replace("https://", "https://www.")}/`)}`,
    );
    expect(res.body.data.map((s: { id: string }) => s.id)).toEqual([created.id]);
  });

  it("answers an empty page when ?url= is not a URL at all", async () => {
    const res = await call(createTestApp(), "GET", "/v1/software?url=not%20a%20url");
    expect(res.body.data).toEqual([]);
  });

  it("answers a tampered page cursor with 400", async () => {
    const res = await createTestApp().request("/v1/software?page[after]=bm9wZQ==");
    expect(res.status).toBe(400);
  });

  it("filters the list by updatedAt with from and to", async () => {
    const t = createTestApp();
    const early = await createSoftware(t);
    t.clock.advance(60_000);
    const late = await createSoftware(t);
    const res = await call(
      t,
      "GET",
      `/v1/software?from=${encodeURIComponent(new Date(t.clock.now().getTime() - 1000).toISOString())}`,
    );
    const ids = res.body.data.map((s: { id: string }) => s.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(early.id);
  });

  it("applies a merge-patch that deactivates the software, which then leaves the default list", async () => {
    const t = createTestApp();
    const created = await createSoftware(t);
    const res = await call(t, "PATCH", `/v1/software/${created.id}`, {
      body: JSON.stringify({ active: false }),
      headers: {
        "content-type": "application/merge-patch+json",
        authorization: t.bearer(["software:write"]),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    const listed = await call(t, "GET", "/v1/software");
    expect(listed.body.data.map((s: { id: string }) => s.id)).not.toContain(created.id);
    const all = await call(t, "GET", "/v1/software?all=true");
    expect(all.body.data.map((s: { id: string }) => s.id)).toContain(created.id);
  });

  it("applies a JSON patch that adds an alias", async () => {
    const t = createTestApp();
    const created = await createSoftware(t);
    const alias = uniqueRepoUrl("old-owner");
    const res = await call(t, "PATCH", `/v1/software/${created.id}`, {
      body: JSON.stringify([{ op: "add", path: "/aliases/-", value: alias }]),
      headers: { "content-type": "application/json-patch+json", authorization: t.bearer(["software:write"]) },
    });
    expect(res.status).toBe(200);
    expect(res.body.aliases).toEqual([alias]);
  });

  it("refuses a JSON patch whose test operation fails with 422 and changes nothing", async () => {
    const t = createTestApp();
    const created = await createSoftware(t);
    const res = await call(t, "PATCH", `/v1/software/${created.id}`, {
      body: JSON.stringify([
        { op: "test", path: "/active", value: false },
        { op: "replace", path: "/active", value: false },
      ]),
      headers: { "content-type": "application/json-patch+json", authorization: t.bearer(["software:write"]) },
    });
    expect(res.status).toBe(422);
    expect((await call(t, "GET", `/v1/software/${created.id}`)).body.active).toBe(true);
  });

  it("answers 415 to a PATCH with plain application/json", async () => {
    const t = createTestApp();
    const created = await createSoftware(t);
    const res = await t.request(`/v1/software/${created.id}`, {
      method: "PATCH",
      json: { active: false },
      headers: { authorization: t.bearer(["software:write"]) },
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("DELETE /v1/software/{id}", () => {
  it("withdraws the software: 204, then it leaves the list and search but stays readable by id", async () => {
    const t = createTestApp();
    const created = await createSoftware(t);
    const auth = { authorization: t.bearer(["software:write"]) };
    expect((await call(t, "DELETE", `/v1/software/${created.id}`, { headers: auth })).status).toBe(204);
    const listed = await call(t, "GET", "/v1/software");
    expect(listed.body.data.map((s: { id: string }) => s.id)).not.toContain(created.id);
    const got = await call(t, "GET", `/v1/software/${created.id}`);
    expect(got.body.active).toBe(false);
  });
});
