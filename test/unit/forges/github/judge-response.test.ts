import { describe, expect, it } from "vitest";
import { judgeResponse } from "../../../../src/forges/github/judge-response.ts";

const now = new Date("2026-06-01T12:00:00Z");
const resetEpoch = String(Math.floor(now.getTime() / 1000) + 600);

describe("judgeResponse", () => {
  it("accepts a 2xx and a 404 (absence is the caller's call)", () => {
    expect(judgeResponse({ status: 200, headers: {}, data: { data: {} } }, true, now)).toEqual({
      kind: "ok",
    });
    expect(judgeResponse({ status: 404, headers: {}, data: { message: "Not Found" } }, false, now)).toEqual({
      kind: "ok",
    });
  });

  it("reads GraphQL RATE_LIMITED at HTTP 200 as a spent budget until x-ratelimit-reset", () => {
    const res = {
      status: 200,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetEpoch },
      data: { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] },
    };
    expect(judgeResponse(res, true, now)).toMatchObject({
      kind: "exhausted",
      resetAt: new Date(Number(resetEpoch) * 1000),
    });
  });

  it("treats a cut-off GraphQL body as a transient fault", () => {
    expect(judgeResponse({ status: 200, headers: {}, data: '{"data":' }, true, now).kind).toBe("transient");
  });

  it.each([
    { name: "429 with Retry-After", status: 429, headers: { "retry-after": "30" }, kind: "paused" },
    { name: "403 with Retry-After", status: 403, headers: { "retry-after": "30" }, kind: "paused" },
    {
      name: "403 with remaining 0",
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetEpoch },
      kind: "exhausted",
    },
    { name: "429 without headers", status: 429, headers: {}, kind: "paused" },
    { name: "502", status: 502, headers: {}, kind: "transient" },
    { name: "401", status: 401, headers: {}, kind: "fatal" },
    { name: "422", status: 422, headers: {}, kind: "fatal" },
  ])("classifies $name as $kind", ({ status, headers, kind }) => {
    expect(judgeResponse({ status, headers, data: { message: "x" } }, false, now).kind).toBe(kind);
  });

  it("tells a secondary limit by its message from a plain permission refusal", () => {
    const secondary = { message: "You have exceeded a secondary rate limit. Please wait a few minutes." };
    expect(judgeResponse({ status: 403, headers: {}, data: secondary }, false, now)).toEqual({
      kind: "paused",
      until: null,
      reason: "secondary rate limit",
    });
    const refused = judgeResponse(
      { status: 403, headers: {}, data: { message: "Resource not accessible" } },
      false,
      now,
    );
    expect(refused).toMatchObject({ kind: "fatal", error: { retry: false, status: 403 } });
  });
});
