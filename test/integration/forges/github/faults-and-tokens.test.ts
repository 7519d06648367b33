import { afterEach, describe, expect, it } from "vitest";
import {
  badGateway,
  type GithubHarness,
  startGithubHarness,
  truncatedBody,
} from "../../../support/fake-forge/github/index.ts";
import { GithubWorld } from "../../../support/fake-forge/github/world.ts";

function orgWith(count: number): GithubWorld {
  const world = new GithubWorld();
  for (let i = 0; i < count; i++)
    world.addRepository(`acme/r${i}`, { files: { "publiccode.yml": `name: r${i}\n` } });
  return world;
}

describe("GitHub client under server faults", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("completes a 20-page listing through 10% random 502s with one retry per fault", async () => {
    h = await startGithubHarness({
      world: orgWith(2000),
      faults: { seed: 2026, rules: [{ rate: 0.1, respond: badGateway() }] },
    });

    const repos = await h.list("acme");

    expect(new Set(repos.map((r) => r.fullPath)).size).toBe(2000);
    const faulted = h.fake.counts.faulted.graphql ?? 0;
    expect(faulted).toBeGreaterThan(0);
    expect(h.fake.counts.byKind.graphql).toBe(20 + faulted);
    expect(h.sleeps).toHaveLength(faulted);
  });

  it("gives up after maxAttempts on a forge that keeps failing, with a retryable error", async () => {
    h = await startGithubHarness({ world: orgWith(10), faults: { rules: [{ respond: badGateway() }] } });

    await expect(h.list("acme")).rejects.toMatchObject({ name: "ForgeError", retry: true });
    expect(h.fake.counts.total).toBe(5);
    // Exponential: each backoff is at least half the previous cap, doubled.
    expect(h.sleeps).toHaveLength(4);
    expect(h.sleeps[3]!).toBeGreaterThan(h.sleeps[0]!);
  });

  it("stops when the crawl's retry budget is spent even if each request has attempts left", async () => {
    h = await startGithubHarness({
      world: orgWith(1000),
      client: { retryBudgetPerCrawl: 3 },
      faults: { rules: [{ every: 2, respond: badGateway() }] },
    });

    await expect(h.list("acme")).rejects.toMatchObject({ name: "ForgeError", retry: true });
    expect(h.fake.counts.faulted.graphql).toBe(4);
    expect(h.sleeps).toHaveLength(3);
  });

  it("retries a GraphQL query GitHub gave up on (HTTP 200, errors, no data)", async () => {
    const timedOut = {
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: "Something went wrong while executing your query. This may be the result of a timeout.",
          },
        ],
      },
    };
    h = await startGithubHarness({
      world: orgWith(10),
      faults: { rules: [{ times: 1, respond: timedOut }] },
    });

    expect(await h.list("acme")).toHaveLength(10);
    expect(h.fake.counts.total).toBe(2);
  });

  it("fails retryably rather than drop repositories from a partial page", async () => {
    const partial = {
      status: 200,
      body: {
        data: {
          repositoryOwner: {
            repositories: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [null] },
          },
        },
        errors: [{ message: "Something went wrong", path: ["repositoryOwner", "repositories", "nodes", 0] }],
      },
    };
    h = await startGithubHarness({ world: orgWith(1), faults: { rules: [{ respond: partial }] } });

    await expect(h.list("acme")).rejects.toMatchObject({ name: "ForgeError", retry: true });
  });

  it("treats an answer slower than the request timeout as a fault, within the attempt bound", async () => {
    h = await startGithubHarness({
      world: orgWith(10),
      client: { requestTimeoutMs: 50, maxAttempts: 2 },
      faults: { latencyMs: 400 },
    });

    await expect(h.list("acme")).rejects.toMatchObject({ name: "ForgeError", retry: true });
    expect(h.fake.counts.total).toBe(2);
  });

  it("completes against a slow forge that answers within the timeout", async () => {
    h = await startGithubHarness({ world: orgWith(250), faults: { latencyMs: 30 } });

    expect(await h.list("acme")).toHaveLength(250);
    expect(h.fake.counts.total).toBe(3);
  });

  it("retries a body cut off mid-answer", async () => {
    h = await startGithubHarness({
      world: orgWith(10),
      faults: { rules: [{ times: 1, respond: truncatedBody() }] },
    });

    expect(await h.list("acme")).toHaveLength(10);
    expect(h.fake.counts.total).toBe(2);
  });
});

describe("GitHub client token pool", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("moves to the other token when one is spent, without a rate-limited answer or a wait", async () => {
    h = await startGithubHarness({
      world: orgWith(500),
      tokens: { "token-a": { remaining: 1 }, "token-b": {} },
    });

    expect(await h.list("acme")).toHaveLength(500);
    expect(h.fake.tokenCounts).toEqual({ "token-a": 1, "token-b": 4 });
    expect(h.sleeps).toEqual([]);
  });

  it("spreads requests over tokens by remaining budget, under host#index budget keys", async () => {
    h = await startGithubHarness({ world: orgWith(600), tokens: { "token-a": {}, "token-b": {} } });

    await h.list("acme");

    expect(h.fake.tokenCounts).toEqual({ "token-a": 3, "token-b": 3 });
    const keys = (await h.budget.snapshot()).map((s) => s.key.replace(/^[^#]+/, ""));
    expect(keys).toEqual(["#0", "#1"]);
  });

  it("waits for the earliest reset when every token is spent, then finishes without errors", async () => {
    h = await startGithubHarness({
      world: orgWith(400),
      tokens: { "token-a": { remaining: 1 }, "token-b": { remaining: 1 } },
    });

    expect(await h.list("acme")).toHaveLength(400);
    expect(h.fake.counts.byKind.graphql).toBe(4);
    expect(h.sleeps.filter((ms) => ms >= 3_000_000)).toHaveLength(1);
  });
});
