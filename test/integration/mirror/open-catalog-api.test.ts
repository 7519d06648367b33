import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenCatalogClient } from "../../../src/forges/open-catalog-api/index.ts";
import type {
  MirrorItem,
  OpenCatalogClientOptions,
  SkippedItem,
} from "../../../src/forges/open-catalog-api/types.ts";
import { ForgeError } from "../../../src/forges/types.ts";
import {
  type FakeSoftware,
  fixtureSoftware,
  type OpenCatalogServerOptions,
  startOpenCatalogServer,
} from "../../support/open-catalog-server.ts";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(options: Partial<OpenCatalogServerOptions> = {}) {
  const server = await startOpenCatalogServer({ software: fixtureSoftware(), ...options });
  closers.push(server.close);
  return server;
}

async function listAll(options: OpenCatalogClientOptions, includeInactive = false) {
  const client = createOpenCatalogClient({ allowPrivateNetwork: true, ...options });
  const items: MirrorItem[] = [];
  const skipped: SkippedItem[] = [];
  for await (const item of client.listSoftware({ includeInactive, onSkipped: (s) => skipped.push(s) })) {
    items.push(item);
  }
  return { items, skipped, client };
}

async function listingError(options: OpenCatalogClientOptions): Promise<ForgeError> {
  const error = await listAll(options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForgeError);
  return error as ForgeError;
}

describe.each([
  { linkStyle: "query" as const },
  { linkStyle: "cursor" as const },
  { linkStyle: "absolute" as const },
])("mirroring with links.next as $linkStyle", ({ linkStyle }) => {
  it("lists every active software across pages, in order, with the file bytes intact", async () => {
    const server = await serve({ linkStyle });
    const { items, skipped } = await listAll({ baseUrl: server.baseUrl, pageSize: 2 });
    expect(skipped).toEqual([]);
    expect(items.map((i) => i.url)).toEqual([
      "https://github.com/AgID/wai-portal",
      "https://github.com/4science/glam",
      "https://github.com/Aitema-gmbh/hinweisgebersystem",
    ]);
    const expected = readFileSync(
      new URL("../../fixtures/mirror/Aitema-gmbh__hinweisgebersystem.yml", import.meta.url),
    );
    expect(Buffer.from(items[2]!.publiccodeYml).equals(expected)).toBe(true);
    expect(items[0]).toMatchObject({
      aliases: ["https://github.com/AgID/wai-portal-old"],
      active: true,
      createdAt: "2024-01-15T10:00:00Z",
    });
    expect(server.requests).toHaveLength(2);
    expect(decodeURIComponent(server.requests[1]!)).toContain("page[after]=");
  });
});

describe("open-catalog-api mirror client", () => {
  it("lists inactive software too when asked", async () => {
    const server = await serve();
    const { items } = await listAll({ baseUrl: server.baseUrl, pageSize: 3 }, true);
    expect(items.map((i) => i.active)).toEqual([true, true, true, false]);
    expect(server.requests[0]).toContain("all=true");
  });

  it("refuses to reach a loopback server unless private networks are allowed", async () => {
    const server = await serve();
    const error = await listingError({ baseUrl: server.baseUrl, allowPrivateNetwork: false });
    expect(error.message).toMatch(/loopback/);
    expect(error.retry).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it("skips malformed and duplicate items with a reason and keeps the good ones", async () => {
    const [good] = fixtureSoftware() as [FakeSoftware];
    const bad = [
      { ...good, id: "bad-url", url: 42 },
      { ...good, id: "no-file", publiccodeYml: undefined },
      { ...good, id: "bad-date", createdAt: "yesterday" },
      { ...good, id: "x".repeat(65) },
      { ...good, id: "bad-alias", aliases: ["ftp://example.org/x"] },
      good,
    ];
    const server = await serve({
      override: () => ({ body: JSON.stringify({ data: [good, ...bad], links: { next: null } }) }),
    });
    const { items, skipped } = await listAll({ baseUrl: server.baseUrl });
    expect(items.map((i) => i.id)).toEqual([good.id]);
    expect(skipped.map((s) => [s.id, s.index])).toEqual([
      ["bad-url", 1],
      ["no-file", 2],
      ["bad-date", 3],
      [null, 4],
      ["bad-alias", 5],
      [good.id, 6],
    ]);
    expect(skipped[0]!.reason).toMatch(/^url: /);
    expect(skipped[5]!.reason).toMatch(/duplicate/);
  });

  it.each([
    { name: "malformed JSON", body: '{"data": [', message: /not valid UTF-8 JSON/ },
    { name: "a page without a data array", body: '{"data": {"a": 1}, "links": {}}', message: /not a page/ },
    {
      name: "an absurd page size",
      body: JSON.stringify({ data: Array(500).fill({}), links: {} }),
      message: /500 items/,
    },
    {
      name: "a links.next to another host",
      body: JSON.stringify({ data: [], links: { next: "https://evil.example/v1/software" } }),
      message: /leaves/,
    },
  ])("stops with a clear, non-retryable error on $name", async ({ body, message }) => {
    const server = await serve({ override: () => ({ body }) });
    const error = await listingError({ baseUrl: server.baseUrl });
    expect(error.message).toMatch(message);
    expect(error.retry).toBe(false);
  });

  it("detects a links.next loop instead of following it forever", async () => {
    const body = JSON.stringify({ data: [], links: { next: "?page[after]=same" } });
    const server = await serve({ override: () => ({ body }) });
    const error = await listingError({ baseUrl: server.baseUrl });
    expect(error.message).toMatch(/loops back/);
    expect(server.requests).toHaveLength(2);
  });

  it("stops at maxPages when a server paginates forever with fresh cursors", async () => {
    let n = 0;
    const server = await serve({
      override: () => ({ body: JSON.stringify({ data: [], links: { next: `?page[after]=c${n++}` } }) }),
    });
    const error = await listingError({ baseUrl: server.baseUrl, maxPages: 5 });
    expect(error.message).toMatch(/5 pages/);
    expect(server.requests).toHaveLength(5);
  });

  it("fails with a retryable error when the server never answers", async () => {
    const server = await serve({ override: () => "hang" });
    const error = await listingError({ baseUrl: server.baseUrl, timeoutMs: 200 });
    expect(error.retry).toBe(true);
  });

  it("refuses a page over the byte cap", async () => {
    const server = await serve();
    const error = await listingError({ baseUrl: server.baseUrl, maxPageBytes: 1024 });
    expect(error.message).toMatch(/cap/);
    expect(error.retry).toBe(false);
  });

  it.each([
    { status: 503, retry: true },
    { status: 429, retry: true },
    { status: 404, retry: false },
  ])("reports HTTP $status as a ForgeError with retry=$retry", async ({ status, retry }) => {
    const server = await serve({ override: () => ({ status, body: "{}" }) });
    const error = await listingError({ baseUrl: server.baseUrl });
    expect(error).toMatchObject({ status, retry });
  });

  it("yields the items of earlier pages before a later page fails", async () => {
    const server = await serve({
      override: (url) => (url.searchParams.has("page[after]") ? { status: 500, body: "oops" } : undefined),
    });
    const client = createOpenCatalogClient({
      baseUrl: server.baseUrl,
      allowPrivateNetwork: true,
      pageSize: 1,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of client.listSoftware()) seen.push(item.id);
      })(),
    ).rejects.toThrow(/HTTP 500/);
    expect(seen).toHaveLength(1);
    expect(client.requestCount()).toBe(2);
  });
});
