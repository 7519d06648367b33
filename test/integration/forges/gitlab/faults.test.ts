import { afterEach, describe, expect, it } from "vitest";
import { ForgeError } from "../../../../src/forges/types.ts";
import { type GitlabHarness, startGitlabHarness } from "../../../support/fake-forge/gitlab/harness.ts";
import { gitlabTooManyRequests, truncatedJsonPage } from "../../../support/fake-forge/gitlab/server.ts";
import { FakeGitlabWorld } from "../../../support/fake-forge/gitlab/world.ts";

function buildWorld(projects: number) {
  const world = new FakeGitlabWorld();
  const group = world.addGroup("org");
  for (let i = 0; i < projects; i++) {
    const files: Record<string, string> = i % 3 === 0 ? { "publiccode.yml": `name: app${i}\n` } : {};
    world.addProject({ path: `p${i}`, namespace: { kind: "group", id: group.id }, files });
  }
  return world;
}

describe("GitLab client: rate limits and faults", () => {
  let h: GitlabHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("waits out a 429's Retry-After once and completes with one extra request", async () => {
    h = await startGitlabHarness({
      world: buildWorld(4),
      faults: { rules: [{ kind: "groups:projects", times: 1, respond: gitlabTooManyRequests(30) }] },
    });

    const repos = await h.list("org");

    expect(repos).toHaveLength(4);
    expect(h.sleeps).toEqual([30_000]);
    expect(h.fake.counts.byKind["groups:projects"]).toBe(2);
    expect(h.fake.counts.total).toBe(1 + 2 + 4 + 2);
  });

  it("spends the RateLimit-Remaining budget and waits for RateLimit-Reset instead of being refused", async () => {
    h = await startGitlabHarness({
      world: buildWorld(30),
      rateLimit: { limit: 10, windowMs: 60_000 },
      client: { concurrency: 1 },
    });

    const repos = await h.list("org");

    expect(repos).toHaveLength(30);
    // 1 group + 1 page + 30 HEADs + 10 GETs = 42 requests in windows of 10: four waits, none refused.
    expect(h.fake.counts.total).toBe(42);
    expect(h.sleeps).toEqual([60_000, 60_000, 60_000, 60_000]);
  });

  it("with requests in flight when a window opens, is refused at most once per extra in-flight request", async () => {
    h = await startGitlabHarness({
      world: buildWorld(30),
      rateLimit: { limit: 10, windowMs: 60_000 },
      client: { concurrency: 4 },
    });

    const repos = await h.list("org");

    expect(repos).toHaveLength(30);
    // The budget learns a new window's size from its first answer, so up to 3 other requests may overshoot it.
    const windows = Math.ceil(h.fake.counts.total / 10);
    expect(h.fake.counts.total - 42).toBeLessThanOrEqual(3 * windows);
  });

  it("completes a listing while 10% of answers are 502s, with bounded extra requests", async () => {
    h = await startGitlabHarness({
      world: buildWorld(150),
      faults: { seed: 42, rules: [{ rate: 0.1, respond: { status: 502, body: "Bad Gateway" } }] },
    });

    const repos = await h.list("org");

    expect(repos).toHaveLength(150);
    const clean = 1 + 2 + 150 + 50;
    const faulted = Object.values(h.fake.counts.faulted).reduce((a, b) => a + b, 0);
    expect(faulted).toBeGreaterThan(0);
    expect(h.fake.counts.total).toBe(clean + faulted);
    expect(h.sleeps).toHaveLength(faulted);
  });

  it("reads a listing page again when its body arrives cut off", async () => {
    h = await startGitlabHarness({
      world: buildWorld(3),
      faults: { rules: [{ kind: "groups:projects", times: 1, respond: truncatedJsonPage() }] },
    });

    const repos = await h.list("org");

    expect(repos.map((r) => r.fullPath)).toEqual(["org/p0", "org/p1", "org/p2"]);
    expect(h.fake.counts.byKind["groups:projects"]).toBe(2);
  });

  it("gives up after the retry limit with a retryable ForgeError", async () => {
    h = await startGitlabHarness({
      world: buildWorld(1),
      faults: { rules: [{ kind: "groups:projects", respond: { status: 503, body: "down" } }] },
      client: { maxRetries: 2 },
    });

    const error = await h.list("org").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ForgeError);
    expect(error).toMatchObject({ retry: true, status: 503 });
    expect(h.fake.counts.byKind["groups:projects"]).toBe(3);
  });

  it("does not retry a 401 for a bad token", async () => {
    h = await startGitlabHarness({ world: buildWorld(1), tokens: ["right"], clientTokens: ["wrong"] });

    const error = await h.list("org").catch((e: unknown) => e);

    expect(error).toMatchObject({ retry: false, status: 401 });
    expect(h.fake.counts.total).toBe(1);
  });

  it("fails at once, retryably, when Retry-After asks for longer than the client may wait", async () => {
    h = await startGitlabHarness({
      world: buildWorld(1),
      faults: { rules: [{ respond: gitlabTooManyRequests(3600) }] },
      client: { maxWaitMs: 60_000 },
    });

    const error = await h.list("org").catch((e: unknown) => e);

    expect(error).toMatchObject({ retry: true, status: 429 });
    expect(h.fake.counts.total).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it("completes against a slow forge and abandons an answer that outlasts the request timeout", async () => {
    h = await startGitlabHarness({ world: buildWorld(3), faults: { latencyMs: 20 } });
    expect(await h.list("org")).toHaveLength(3);
    await h.close();

    h = await startGitlabHarness({
      world: buildWorld(1),
      faults: { latencyMs: 400 },
      client: { requestTimeoutMs: 50, maxRetries: 1 },
    });
    const error = await h.list("org").catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "ForgeError", retry: true });
    expect(h.client.requestCount()).toBe(2);
  });

  it("spreads a crawl over two tokens' budgets, each with its own rate-limit window", async () => {
    h = await startGitlabHarness({
      world: buildWorld(30),
      tokens: ["t1", "t2"],
      rateLimit: { limit: 25, windowMs: 60_000 },
      client: { concurrency: 1 },
    });

    const repos = await h.list("org");

    // 42 requests fit in two windows of 25 at once: no 429 and no wait.
    expect(repos).toHaveLength(30);
    expect(h.fake.counts.total).toBe(42);
    expect(h.sleeps).toEqual([]);
  });
});
