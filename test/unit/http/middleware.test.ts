import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createPrometheusRegistry } from "../../../src/http/metrics/registry.ts";
import { createLogger } from "../../../src/logger.ts";
import { createTestApp } from "../../support/http.ts";

function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger("info", sink) };
}

describe("request ids", () => {
  it("echoes a well-formed X-Request-Id", async () => {
    const res = await createTestApp().request("/v1/status", { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
  });

  it("replaces an unusable X-Request-Id with a generated one", async () => {
    const t = createTestApp({ generateId: () => "generated-1" });
    const res = await t.request("/v1/status", { headers: { "x-request-id": "bad id with spaces" } });
    expect(res.headers.get("x-request-id")).toBe("generated-1");
  });
});

describe("request log line", () => {
  it("writes one structured line per request with route template, status, duration and actor", async () => {
    const { lines, logger } = captureLogs();
    const t = createTestApp({ logger });
    const auth = t.bearer(["publishers:write"], "tok-1");
    await t.request("/v1/publishers/unknown-id", { headers: { authorization: auth, "x-request-id": "r-1" } });
    const requestLines = lines.filter((l) => l.msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      requestId: "r-1",
      method: "GET",
      route: "/v1/publishers/:id",
      status: 404,
      actor: "token:tok-1",
    });
    expect(typeof requestLines[0]!.durationMs).toBe("number");
  });
});

describe("rate limiting", () => {
  it("refuses the request past the bucket with 429, Retry-After and RateLimit headers", async () => {
    const t = createTestApp({ rateLimit: { capacity: 2, refillPerSecond: 1 } });
    expect((await t.request("/v1/status")).headers.get("ratelimit-remaining")).toBe("1");
    expect((await t.request("/v1/status")).status).toBe(204);
    const refused = await t.request("/v1/status");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.headers.get("ratelimit-limit")).toBe("2");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets the client in again once the clock has refilled its bucket", async () => {
    const t = createTestApp({ rateLimit: { capacity: 1, refillPerSecond: 1 } });
    await t.request("/v1/status");
    expect((await t.request("/v1/status")).status).toBe(429);
    t.clock.advance(1000);
    expect((await t.request("/v1/status")).status).toBe(204);
  });

  it("limits a client offering unknown tokens by its address before refusing the token", async () => {
    const t = createTestApp({ rateLimit: { capacity: 1, refillPerSecond: 0.01 } });
    const guess = { authorization: "Bearer guessed-secret" };
    expect((await t.request("/v1/status", { headers: guess })).status).toBe(401);
    expect((await t.request("/v1/status", { headers: guess })).status).toBe(429);
  });

  it("keeps a separate bucket per token", async () => {
    const t = createTestApp({ rateLimit: { capacity: 1, refillPerSecond: 0.01 } });
    const a = t.bearer(["software:write"]);
    const b = t.bearer(["software:write"]);
    expect((await t.request("/v1/status", { headers: { authorization: a } })).status).toBe(204);
    expect((await t.request("/v1/status", { headers: { authorization: a } })).status).toBe(429);
    expect((await t.request("/v1/status", { headers: { authorization: b } })).status).toBe(204);
  });
});

describe("body size limit", () => {
  it("answers a body over the limit with a 413 problem", async () => {
    const t = createTestApp({ maxBodyBytes: 100 });
    const res = await t.request("/v1/publishers", {
      method: "POST",
      json: { description: "x".repeat(200), codeHosting: [{ url: "https://github.com/x" }] },
      headers: { authorization: t.bearer(["publishers:write"]) },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("GET /metrics", () => {
  it("counts requests by route template, method and status and records durations", async () => {
    const t = createTestApp({ metrics: createPrometheusRegistry() });
    await t.request("/v1/publishers/a");
    await t.request("/v1/publishers/b");
    await t.request("/v1/status");
    const res = await t.request("/metrics");
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/publishers/:id",status="404"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="/v1/status",status="204"} 1');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/publishers\/:id"\} 2/,
    );
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
  });

  it("answers 404 when metrics are disabled", async () => {
    expect((await createTestApp().request("/metrics")).status).toBe(404);
  });
});
