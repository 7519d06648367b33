import { describe, expect, it } from "vitest";
import { createServiceContext } from "../../../src/services/context.ts";
import { appendLog } from "../../../src/services/logs/index.ts";
import { createTestApp, samplePubliccode, type TestApp, uniqueRepoUrl } from "../../support/http.ts";
import { specCall as call } from "./spec-call.ts";

async function addSoftware(t: TestApp) {
  const url = uniqueRepoUrl();
  const res = await t.request("/v1/software", {
    method: "POST",
    json: { url, publiccodeYml: samplePubliccode(url) },
    headers: { authorization: t.bearer(["software:write"]) },
  });
  return ((await res.json()) as { id: string }).id;
}

const log = (t: TestApp, message: string, softwareId?: string) =>
  appendLog({
    ctx: createServiceContext({ db: t.handle.db, clock: t.clock, actor: "test" }),
    input: { message, softwareId },
  });

describe("GET /v1/logs", () => {
  it("lists every log newest first, in the open-catalog-api shape", async () => {
    const t = createTestApp();
    const softwareId = await addSoftware(t);
    await log(t, "crawl started");
    t.clock.advance(1000);
    await log(t, "bad publiccode.yml: missing name", softwareId);
    const res = await call(t, "GET", "/v1/logs");
    expect(res.body.data.map((l: { message: string }) => l.message)).toEqual([
      "bad publiccode.yml: missing name",
      "crawl started",
    ]);
    expect(res.body.data[0].entity).toBe(`/software/${softwareId}`);
  });

  it("finds logs by a substring of their message with search", async () => {
    const t = createTestApp();
    await log(t, "harvest of org-a finished");
    await log(t, "harvest of org-b failed: 502");
    const res = await call(t, "GET", "/v1/logs?search=failed");
    expect(res.body.data.map((l: { message: string }) => l.message)).toEqual([
      "harvest of org-b failed: 502",
    ]);
  });

  it("pages with links.next", async () => {
    const t = createTestApp();
    for (const n of [1, 2, 3]) await log(t, `entry ${n}`);
    const first = await call(t, "GET", "/v1/logs?page[size]=2");
    const second = await call(
      t,
      "GET",
      `/v1/logs?page[size]=2&page[after]=${encodeURIComponent(first.body.links.next)}`,
    );
    expect([...first.body.data, ...second.body.data].map((l: { message: string }) => l.message)).toEqual([
      "entry 3",
      "entry 2",
      "entry 1",
    ]);
    expect(second.body.links.next).toBeNull();
  });
});

describe("GET /v1/software/{id}/logs", () => {
  it("lists only that software's logs", async () => {
    const t = createTestApp();
    const mine = await addSoftware(t);
    const other = await addSoftware(t);
    await log(t, "mine", mine);
    await log(t, "other", other);
    const res = await call(t, "GET", `/v1/software/${mine}/logs`);
    expect(res.body.data.map((l: { message: string }) => l.message)).toEqual(["mine"]);
  });

  it("answers 404 for an unknown software", async () => {
    const res = await call(createTestApp(), "GET", "/v1/software/c353756e-8597-4e46-a99b-7da2e141603b/logs");
    expect(res.status).toBe(404);
  });
});
