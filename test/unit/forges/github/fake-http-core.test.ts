import { afterEach, describe, expect, it } from "vitest";
import { type FakeHttpServer, startFakeHttpServer } from "../../../support/fake-forge/http.ts";

describe("fake forge HTTP core", () => {
  let server: FakeHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const classify = (_method: string, url: URL) => (url.pathname === "/graphql" ? "graphql" : "rest");

  it("counts requests per kind and serves the handler's JSON", async () => {
    server = await startFakeHttpServer(() => ({ status: 200, body: { ok: true } }), { classify });
    const res = await fetch(`${server.url}/graphql`, { method: "POST", body: "{}" });
    await fetch(`${server.url}/repos/a/b`);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(server.counts.byKind).toEqual({ graphql: 1, rest: 1 });
    expect(server.counts.total).toBe(2);
  });

  it("injects a fault on every Nth matching request only", async () => {
    server = await startFakeHttpServer(() => ({ status: 200, body: "fine" }), {
      classify,
      faults: { rules: [{ kind: "rest", every: 2, respond: { status: 502, body: "bad gateway" } }] },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/x`)).status);
    statuses.push((await fetch(`${server.url}/graphql`)).status);
    expect(statuses).toEqual([200, 502, 200, 502, 200]);
    expect(server.counts.faulted).toEqual({ rest: 2 });
  });

  it("stops a scripted fault after `times` firings", async () => {
    server = await startFakeHttpServer(() => ({ status: 200 }), {
      faults: { rules: [{ times: 1, respond: { status: 429, headers: { "retry-after": "3" } } }] },
    });
    const first = await fetch(server.url);
    const second = await fetch(server.url);
    expect([first.status, first.headers.get("retry-after"), second.status]).toEqual([429, "3", 200]);
  });

  it("draws rate-based faults from a seeded PRNG, reproducibly", async () => {
    const run = async () => {
      const s = await startFakeHttpServer(() => ({ status: 200 }), {
        faults: { seed: 42, rules: [{ rate: 0.3, respond: { status: 502 } }] },
      });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await fetch(s.url)).status);
      await s.close();
      return out;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a.filter((s) => s === 502).length).toBeGreaterThan(2);
    expect(a.filter((s) => s === 502).length).toBeLessThan(20);
  });

  it("replaces the faults with setFaults and sends raw bytes unchanged", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x41]);
    server = await startFakeHttpServer(() => ({ status: 200, body: bytes }), {
      faults: { rules: [{ respond: { status: 503 } }] },
    });
    expect((await fetch(server.url)).status).toBe(503);
    server.setFaults({});
    const res = await fetch(server.url);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });
});
