import { describe, expect, it } from "vitest";
import { createTestApp } from "../../support/http.ts";

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

const writer = (t: ReturnType<typeof createTestApp>) => ({ authorization: t.bearer(["publishers:write"]) });

describe("problem+json errors", () => {
  it("answers an unknown route with a 404 problem naming the path", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as ProblemBody;
    expect(body).toMatchObject({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      instance: "/v1/nothing-here",
    });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("answers a known path with the wrong method with 405 and an Allow header", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/logs", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(((await res.json()) as ProblemBody).status).toBe(405);
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers", {
      method: "POST",
      body: "{not json",
      headers: { ...writer(t), "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers a body that breaks the schema with 422 and one entry per field", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers", {
      method: "POST",
      json: { description: "", codeHosting: [{ url: "not a url" }] },
      headers: writer(t),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ProblemBody;
    expect(body.errors?.map((e) => e.field).sort()).toEqual(["codeHosting.0.url", "description"]);
  });

  it("answers a bad query parameter with 400 naming the parameter", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers?page[size]=1000");
    expect(res.status).toBe(400);
    expect(((await res.json()) as ProblemBody).errors?.[0]?.field).toBe("page[size]");
  });

  it("maps a NotFoundError from a verb to 404", async () => {
    const t = createTestApp();
    const res = await t.request("/v1/publishers/no-such-publisher");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ProblemBody).detail).toContain("no-such-publisher");
  });

  it("maps a ConflictError from a verb to 409", async () => {
    const t = createTestApp();
    const input = {
      description: "Comune di Test",
      alternativeId: "c_test",
      codeHosting: [{ url: "https://github.com/c-test" }],
    };
    expect(
      (await t.request("/v1/publishers", { method: "POST", json: input, headers: writer(t) })).status,
    ).toBe(200);
    const again = { ...input, codeHosting: [{ url: "https://github.com/c-test-2" }] };
    const res = await t.request("/v1/publishers", { method: "POST", json: again, headers: writer(t) });
    expect(res.status).toBe(409);
  });

  it("answers an unexpected failure with 500, logs its stack with the request id and leaks nothing", async () => {
    const lines: Record<string, unknown>[] = [];
    const { createLogger } = await import("../../../src/logger.ts");
    const { Writable } = await import("node:stream");
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const t = createTestApp({ logger: createLogger("error", sink) });
    t.handle.close(); // every query now throws a driver error the mapper does not know
    const res = await t.request("/v1/publishers", { headers: { "x-request-id": "req-500-test" } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/database|sqlite|at .*\.ts/i);
    expect(JSON.parse(text)).toMatchObject({ status: 500, requestId: "req-500-test" });
    const logged = lines.find((l) => l.msg === "unhandled error");
    expect(logged).toMatchObject({ requestId: "req-500-test" });
    expect(String((logged?.err as { stack?: string })?.stack)).toContain("Error");
  });
});
