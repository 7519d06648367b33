// The transport against a scripted fetch: each test lists the answers GitLab gives, in order.
import { describe, expect, it } from "vitest";
import { resolveGitlabEndpoint } from "../../../../src/forges/gitlab/endpoint.ts";
import {
  createGitlabTransport,
  type GitlabTransportOptions,
} from "../../../../src/forges/gitlab/transport.ts";
import { fixedClock } from "../../../../src/lib/clock.ts";
import { MemoryHostBudget } from "../../../../src/queue/host-budget/memory.ts";

type Answer = Response | Error | (() => Response | Error);

function setup(answers: Answer[], options: Partial<GitlabTransportOptions> & { tokens?: string[] } = {}) {
  const clock = fixedClock("2026-06-01T12:00:00Z");
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const budget = new MemoryHostBudget({ clock, sleep });
  const pauses: { key: string; until: string }[] = [];
  const pause = budget.pause.bind(budget);
  budget.pause = (key, until, reason) => {
    pauses.push({ key, until: until.toISOString() });
    return pause(key, until, reason);
  };
  const sent: { url: string; headers: Headers }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), headers: new Headers(init?.headers) });
    const scripted = answers.shift();
    if (!scripted) throw new Error("no scripted answer left");
    const next = typeof scripted === "function" ? scripted() : scripted;
    if (next instanceof Error) throw next;
    return next;
  };
  const transport = createGitlabTransport({
    endpoint: resolveGitlabEndpoint("https://gitlab.example.org", undefined, options.tokens ?? []),
    budget,
    clock,
    sleep,
    random: () => 0.5,
    fetch: fetch as typeof globalThis.fetch,
    ...options,
  });
  return { transport, sleeps, sent, budget, pauses };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("GitLab transport", () => {
  it("waits the Retry-After of a 429, pauses the host for everyone, then succeeds", async () => {
    const { transport, sleeps, pauses } = setup([
      json(429, { message: "slow down" }, { "retry-after": "7" }),
      json(200, []),
    ]);

    const res = await transport.request("GET", "groups/1/projects");

    expect(res.status).toBe(200);
    expect(sleeps).toEqual([7000]);
    expect(pauses).toEqual([{ key: "gitlab.example.org#anonymous", until: "2026-06-01T12:00:07.000Z" }]);
  });

  it("waits until RateLimit-Reset when a 429 carries no Retry-After", async () => {
    const resetEpoch = Date.parse("2026-06-01T12:00:42Z") / 1000;
    const limited = json(429, {}, { "ratelimit-remaining": "0", "ratelimit-reset": String(resetEpoch) });
    const { transport, sleeps } = setup([limited, json(200, {})]);

    await transport.request("GET", "projects/1");

    // The budget itself learned remaining=0 until the reset, so the wait happens once, not twice.
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(42_000);
  });

  it("records RateLimit-* headers in the host budget", async () => {
    const reset = String(Date.parse("2026-06-01T12:01:00Z") / 1000);
    const { transport, budget } = setup([
      json(200, {}, { "ratelimit-remaining": "599", "ratelimit-limit": "600", "ratelimit-reset": reset }),
    ]);

    await transport.request("GET", "projects/1");

    expect(await budget.snapshot()).toMatchObject([{ remaining: 599, limit: 600 }]);
  });

  it("backs off exponentially with jitter over 502s and network errors, then succeeds", async () => {
    const { transport, sleeps } = setup(
      [
        new Response("Bad Gateway", { status: 502 }),
        new TypeError("fetch failed"),
        new Response("Bad Gateway", { status: 502 }),
        json(200, { ok: true }),
      ],
      { retryBaseMs: 1000 },
    );

    const res = await transport.request("GET", "projects/1");

    expect(res.body).toEqual({ ok: true });
    // Equal jitter with random 0.5: three quarters of 1 s, 2 s, 4 s.
    expect(sleeps).toEqual([750, 1500, 3000]);
    expect(transport.requestCount()).toBe(4);
  });

  it("stops after maxRetries with a retryable ForgeError carrying the last status", async () => {
    const answers = Array.from({ length: 5 }, () => new Response("oops", { status: 500 }));
    const { transport } = setup(answers, { maxRetries: 2 });

    const error = await transport.request("GET", "projects/1").catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "ForgeError", retry: true, status: 500 });
    expect(transport.requestCount()).toBe(3);
  });

  it("does not retry a 404 and keeps GitLab's message", async () => {
    const { transport, sleeps } = setup([json(404, { message: "404 Project Not Found" })]);

    const error = await transport.request("GET", "projects/9").catch((e: unknown) => e);

    expect(error).toMatchObject({
      retry: false,
      status: 404,
      message: expect.stringContaining("404 Project Not Found"),
    });
    expect(sleeps).toEqual([]);
  });

  it("sends the first token as PRIVATE-TOKEN to the API URL with the query", async () => {
    const { transport, sent } = setup([json(200, [])], { tokens: ["glpat-1", "glpat-2"] });

    await transport.request("GET", "groups/a%2Fb/projects", new URLSearchParams({ page: "2" }));

    expect(sent[0]?.url).toBe("https://gitlab.example.org/api/v4/groups/a%2Fb/projects?page=2");
    expect(sent[0]?.headers.get("private-token")).toBe("glpat-1");
  });

  it("gives up at once when the crawl is aborted mid-request, without retrying", async () => {
    const controller = new AbortController();
    const reason = new Error("crawl cancelled");
    const { transport, sleeps } = setup([
      () => {
        controller.abort(reason);
        return Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
      },
      json(200, {}),
    ]);

    const error = await transport
      .request("GET", "projects/1", undefined, controller.signal)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "AbortError" });
    expect(transport.requestCount()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("retries a 429 at once with another token and leaves the limited one paused", async () => {
    const { transport, sent, sleeps, pauses } = setup(
      [json(429, {}, { "retry-after": "60" }), json(200, { ok: 1 }), json(200, { ok: 2 })],
      { tokens: ["first", "second"] },
    );

    await transport.request("GET", "projects/1");
    await transport.request("GET", "projects/2");

    expect(sent.map((r) => r.headers.get("private-token"))).toEqual(["first", "second", "second"]);
    expect(sleeps).toEqual([]);
    expect(pauses).toEqual([{ key: "gitlab.example.org#0", until: "2026-06-01T12:01:00.000Z" }]);
    expect(transport.budgetKeys).toEqual(["gitlab.example.org#0", "gitlab.example.org#1"]);
  });

  it("sends each request with the token that has the most budget left", async () => {
    const reset = String(Date.parse("2026-06-01T12:01:00Z") / 1000);
    const budget = (remaining: number) => ({
      "ratelimit-remaining": String(remaining),
      "ratelimit-reset": reset,
    });
    const { transport, sent } = setup(
      [json(200, {}, budget(5)), json(200, {}, budget(100)), json(200, {}, budget(99)), json(200, {})],
      { tokens: ["a", "b"] },
    );

    for (let i = 0; i < 4; i++) await transport.request("GET", `projects/${i}`);

    // Unknown budgets count as plenty, so b is tried once a's is known to be small; then b has more.
    expect(sent.map((r) => r.headers.get("private-token"))).toEqual(["a", "b", "b", "b"]);
  });
});
