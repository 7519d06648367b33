// Every list pages both ways: links.next → page[after], links.prev → page[before]. Each answer is checked
// against the open-catalog-api spec (specCall), cursors included (format: base64).
import { describe, expect, it } from "vitest";
import { createServiceContext } from "../../../src/services/context.ts";
import { appendLog } from "../../../src/services/logs/index.ts";
import { createTestApp, samplePubliccode, type TestApp, uniqueRepoUrl } from "../../support/http.ts";
import { specCall as call } from "./spec-call.ts";

interface ListBody {
  data: { id: string }[];
  links: { prev: string | null; next: string | null };
}

async function page(t: TestApp, path: string, link?: ["after" | "before", string]): Promise<ListBody> {
  const separator = path.includes("?") ? "&" : "?";
  const cursor = link ? `&page[${link[0]}]=${encodeURIComponent(link[1])}` : "";
  const res = await call(t, "GET", `${path}${separator}page[size]=2${cursor}`);
  expect(res.status).toBe(200);
  return res.body as ListBody;
}

const ids = (body: ListBody) => body.data.map((item) => item.id);

/** Five items in list order: forward through the pages, back again from the last one, forward once more. */
async function expectBothWays(t: TestApp, path: string, inListOrder: string[]) {
  expect(inListOrder).toHaveLength(5);
  const first = await page(t, path);
  expect(ids(first)).toEqual(inListOrder.slice(0, 2));
  expect(first.links.prev).toBeNull();
  const second = await page(t, path, ["after", first.links.next!]);
  expect(ids(second)).toEqual(inListOrder.slice(2, 4));
  const third = await page(t, path, ["after", second.links.next!]);
  expect(ids(third)).toEqual(inListOrder.slice(4));
  expect(third.links.next).toBeNull();

  const backToSecond = await page(t, path, ["before", third.links.prev!]);
  expect(ids(backToSecond)).toEqual(inListOrder.slice(2, 4));
  const backToFirst = await page(t, path, ["before", backToSecond.links.prev!]);
  expect(ids(backToFirst)).toEqual(inListOrder.slice(0, 2));
  expect(backToFirst.links.prev).toBeNull();
  expect(ids(await page(t, path, ["after", backToFirst.links.next!]))).toEqual(inListOrder.slice(2, 4));
}

async function addSoftware(t: TestApp): Promise<string> {
  const url = uniqueRepoUrl();
  const res = await call(t, "POST", "/v1/software", {
    json: { url, publiccodeYml: samplePubliccode(url) },
    headers: { authorization: t.bearer(["software:write"]) },
  });
  expect(res.status).toBe(200);
  return res.body.id;
}

async function addLogs(t: TestApp, softwareId?: string): Promise<string[]> {
  const ctx = createServiceContext({ db: t.handle.db, clock: t.clock, actor: "test" });
  const messages = ["one", "two", "three", "four", "five"];
  for (const message of messages) await appendLog({ ctx, input: { message, softwareId } });
  const all = await call(t, "GET", softwareId ? `/v1/software/${softwareId}/logs` : "/v1/logs");
  return (all.body as ListBody).data.map((l) => l.id);
}

describe("paging backwards with page[before]", () => {
  it("/v1/software: most recently updated first", async () => {
    const t = createTestApp();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(await addSoftware(t));
      t.clock.advance(1000);
    }
    await expectBothWays(t, "/v1/software", created.reverse());
  });

  it("/v1/publishers: oldest first", async () => {
    const t = createTestApp();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(t, "POST", "/v1/publishers", {
        json: {
          description: `Comune ${i}`,
          codeHosting: [{ url: `https://github.com/org-${i}-${Date.now()}` }],
        },
        headers: { authorization: t.bearer(["publishers:write"]) },
      });
      created.push(res.body.id);
      t.clock.advance(1000);
    }
    await expectBothWays(t, "/v1/publishers", created);
  });

  it("/v1/logs and /v1/software/{id}/logs: newest first", async () => {
    const t = createTestApp();
    const global = await addLogs(t);
    await expectBothWays(t, "/v1/logs", global);
    const softwareId = await addSoftware(t);
    await expectBothWays(t, `/v1/software/${softwareId}/logs`, await addLogs(t, softwareId));
  });

  it("keeps the filters while paging back (all=false leaves inactive publishers out)", async () => {
    const t = createTestApp();
    const active: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call(t, "POST", "/v1/publishers", {
        json: {
          description: `Ente ${i}`,
          codeHosting: [{ url: `https://gitlab.com/ente-${i}-${Date.now()}` }],
          active: i % 3 !== 1,
        },
        headers: { authorization: t.bearer(["publishers:write"]) },
      });
      if (res.body.active) active.push(res.body.id);
      t.clock.advance(1000);
    }
    await expectBothWays(t, "/v1/publishers", active);
  });

  it("refuses page[after] and page[before] together, and a cursor that is not one", async () => {
    const t = createTestApp();
    const cursor = Buffer.from(JSON.stringify([1])).toString("base64");
    const both = await t.request(`/v1/logs?page[after]=${cursor}&page[before]=${cursor}`);
    expect(both.status).toBe(400);
    expect(both.headers.get("content-type")).toBe("application/problem+json");
    const wrongType = Buffer.from(JSON.stringify(["not a number"])).toString("base64");
    expect((await t.request(`/v1/logs?page[before]=${encodeURIComponent(wrongType)}`)).status).toBe(400);
  });
});
