import { afterEach, describe, expect, it } from "vitest";
import {
  type GithubHarness,
  graphqlRateLimited,
  secondaryRateLimit,
  startGithubHarness,
  tooManyRequests,
} from "../../../support/fake-forge/github/index.ts";
import { GithubWorld } from "../../../support/fake-forge/github/world.ts";

function orgWith(count: number, files: Record<string, string | Uint8Array> = { "a.txt": "a" }): GithubWorld {
  const world = new GithubWorld();
  for (let i = 0; i < count; i++) world.addRepository(`acme/r${i}`, { files });
  return world;
}

describe("GitHub client under rate limits", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("waits out a 429's Retry-After once and completes with a single extra request", async () => {
    h = await startGithubHarness({
      world: orgWith(250),
      faults: { rules: [{ kind: "graphql", every: 2, times: 1, respond: tooManyRequests(30) }] },
    });

    const repos = await h.list("acme");

    expect(repos).toHaveLength(250);
    expect(h.fake.counts.byKind.graphql).toBe(4);
    expect(h.sleeps.filter((ms) => ms >= 30_000)).toHaveLength(1);
    expect(h.sleeps.every((ms) => ms < 32_000)).toBe(true);
  });

  it("logs one warn line per retry with the reason", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = { warn: (fields: object, msg: string) => lines.push({ ...fields, msg }) };
    h = await startGithubHarness({
      world: orgWith(10),
      client: { logger },
      faults: { rules: [{ times: 1, respond: tooManyRequests(5) }] },
    });

    await h.list("acme");

    expect(lines).toEqual([
      expect.objectContaining({
        msg: "github request will be retried",
        status: 429,
        reason: "HTTP 429 with retry-after",
      }),
    ]);
  });

  it("pauses the token on a secondary limit with Retry-After and records the pause in the host budget", async () => {
    h = await startGithubHarness({
      world: orgWith(120),
      faults: { rules: [{ kind: "graphql", times: 1, respond: secondaryRateLimit(90) }] },
    });

    const repos = await h.list("acme");

    expect(repos).toHaveLength(120);
    expect(h.fake.counts.byKind.graphql).toBe(3);
    expect(Math.max(...h.sleeps)).toBeGreaterThanOrEqual(90_000);
    const [state] = await h.budget.snapshot();
    expect(state?.key).toMatch(/^127\.0\.0\.1:\d+#0$/);
  });

  it("waits at least a minute, then longer, on secondary limits without Retry-After", async () => {
    h = await startGithubHarness({
      world: orgWith(10),
      faults: { rules: [{ kind: "graphql", times: 2, respond: secondaryRateLimit(null) }] },
    });

    await h.list("acme");

    const waits = h.sleeps.filter((ms) => ms >= 60_000);
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(h.fake.counts.byKind.graphql).toBe(3);
  });

  it("waits for the reset on GraphQL RATE_LIMITED answered with HTTP 200", async () => {
    h = await startGithubHarness({ world: orgWith(120) });
    const resetAt = new Date(h.clock.now().getTime() + 600_000);
    h.fake.setFaults({ rules: [{ kind: "graphql", times: 1, respond: graphqlRateLimited(resetAt) }] });

    const repos = await h.list("acme");

    expect(repos).toHaveLength(120);
    expect(h.fake.counts.byKind.graphql).toBe(3);
    expect(h.clock.now().getTime()).toBeGreaterThanOrEqual(resetAt.getTime());
  });

  it("honours a pause another worker recorded in the shared host budget before sending anything", async () => {
    h = await startGithubHarness({ world: orgWith(10) });
    const key = `${new URL(h.fake.apiUrl).host}#0`;
    await h.budget.pause(key, new Date(h.clock.now().getTime() + 300_000), "secondary rate limit elsewhere");

    expect(await h.list("acme")).toHaveLength(10);
    expect(h.sleeps).toEqual([300_000]);
    expect(h.fake.counts.total).toBe(1);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    h = await startGithubHarness({ world: orgWith(300), faults: { latencyMs: 20 } });
    const controller = new AbortController();
    const seen: string[] = [];

    const crawl = (async () => {
      for await (const repo of h!.client.listSource(`${h!.webUrl}/acme`, { signal: controller.signal })) {
        seen.push(repo.fullPath);
        if (seen.length === 100) controller.abort(new Error("shutting down"));
      }
    })();

    await expect(crawl).rejects.toThrow();
    expect(seen).toHaveLength(100);
    expect(h.fake.counts.total).toBeLessThanOrEqual(2);
    expect(h.sleeps).toEqual([]);
  });

  it("fails fast with a retryable error when the only token resets beyond the longest allowed wait", async () => {
    h = await startGithubHarness({ world: orgWith(10), client: { maxRateLimitWaitMs: 60_000 } });
    const resetAt = new Date(h.clock.now().getTime() + 3_600_000);
    h.fake.setFaults({ rules: [{ kind: "graphql", respond: graphqlRateLimited(resetAt) }] });

    await expect(h.list("acme")).rejects.toMatchObject({ name: "ForgeError", retry: true });
    expect(h.fake.counts.byKind.graphql).toBe(1);
    expect(h.sleeps).toEqual([]);
  });
});
