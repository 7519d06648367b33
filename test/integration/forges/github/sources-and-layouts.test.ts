import { afterEach, describe, expect, it } from "vitest";
import { createGithubClient, resolveGithubEndpoint } from "../../../../src/forges/github/index.ts";
import { MemoryHostBudget } from "../../../../src/queue/host-budget/memory.ts";
import {
  collect,
  type GithubHarness,
  startFakeGithub,
  startGithubHarness,
} from "../../../support/fake-forge/github/index.ts";
import { GithubWorld } from "../../../support/fake-forge/github/world.ts";

function smallWorld(): GithubWorld {
  const world = new GithubWorld();
  world.addRepository("acme/app", { files: { "publiccode.yml": "name: app\n" } });
  world.addRepository("acme/lib", { files: { "README.md": "lib" } });
  return world;
}

describe("GitHub client sources and layouts", () => {
  let h: GithubHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("lists a single-repository source URL as that one repository, in one request", async () => {
    h = await startGithubHarness({ world: smallWorld() });

    const repos = await h.list("acme/app.git");

    expect(repos.map((r) => r.fullPath)).toEqual(["acme/app"]);
    expect(new TextDecoder().decode(repos[0]?.publiccode?.bytes)).toBe("name: app\n");
    expect(h.fake.counts.total).toBe(1);
  });

  it("lists nothing for a single-repository source that does not exist", async () => {
    h = await startGithubHarness({ world: smallWorld() });

    expect(await h.list("acme/missing")).toEqual([]);
  });

  it("serves an Enterprise Server host through WEB_URL/api/v3 and WEB_URL/api/graphql", async () => {
    h = await startGithubHarness({ world: smallWorld(), layout: "enterprise" });

    const repos = await h.list("acme");

    expect(h.client.endpoint).toMatchObject({
      apiUrl: `${h.webUrl}/api/v3`,
      graphqlUrl: `${h.webUrl}/api/graphql`,
    });
    expect(repos.map((r) => r.url).sort()).toEqual([`${h.webUrl}/acme/app`, `${h.webUrl}/acme/lib`]);
    expect(h.fake.counts.byKind).toEqual({ graphql: 1 });
  });

  it("fetches an undecodable file through the Enterprise Server REST layout", async () => {
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]);
    const world = smallWorld();
    world.setFile("acme/lib", "publiccode.yml", latin1);
    h = await startGithubHarness({ world, layout: "enterprise" });

    const repo = await h.client.scanRepository(`${h.webUrl}/acme/lib`);

    expect(repo?.publiccode?.bytes).toEqual(latin1);
    expect(h.fake.counts.byKind).toEqual({ graphql: 1, "rest:blob": 1 });
  });

  it("scans a repository by URL and by node id to the same facts", async () => {
    const world = smallWorld();
    h = await startGithubHarness({ world });

    const byUrl = await h.client.scanRepository("https://github.com/acme/app");
    const byId = await h.client.scanRepository(world.getRepository("acme/app").nodeId);

    expect(byUrl?.fullPath).toBe("acme/app");
    expect(byId).toEqual(byUrl);
  });

  it("follows a rename and a transfer to the repository's current name, keeping its id", async () => {
    const world = smallWorld();
    const id = world.getRepository("acme/app").nodeId;
    world.rename("acme/app", "app2");
    world.transfer("acme/app2", "newco");
    h = await startGithubHarness({ world });

    const facts = await h.client.scanRepository("https://github.com/acme/app");

    expect(facts).toMatchObject({
      forgeRepoId: id,
      fullPath: "newco/app2",
      url: "https://github.com/newco/app2",
    });
  });

  it("returns null for a repository or node id that does not exist", async () => {
    h = await startGithubHarness({ world: smallWorld() });

    expect(await h.client.scanRepository("https://github.com/acme/nope")).toBeNull();
    expect(await h.client.scanRepository("R_kgDOnothere")).toBeNull();
  });

  it("refuses a source URL of another host without sending anything", async () => {
    h = await startGithubHarness({ world: smallWorld() });

    await expect(async () => {
      for await (const _ of h!.client.listSource("https://gitlab.com/acme")) {
        // never reached
      }
    }).rejects.toMatchObject({ name: "ForgeError", retry: false });
    expect(h.fake.counts.total).toBe(0);
  });

  it("refuses to crawl without a token, since GitHub serves GraphQL to authenticated callers only", async () => {
    const world = smallWorld();
    const fake = await startFakeGithub({ world });
    try {
      const client = createGithubClient({
        endpoint: resolveGithubEndpoint("https://github.com", fake.apiUrl, []),
        budget: new MemoryHostBudget(),
      });
      await expect(collect(client.listSource("https://github.com/acme"))).rejects.toMatchObject({
        retry: false,
        status: 401,
      });
      expect(fake.counts.total).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it("fails with a non-retryable 401 when the fake refuses the token", async () => {
    const world = smallWorld();
    const fake = await startFakeGithub({ world, tokens: { "good-token": {} } });
    try {
      const client = createGithubClient({
        endpoint: resolveGithubEndpoint("https://github.com", fake.apiUrl, ["revoked-token"]),
        budget: new MemoryHostBudget(),
      });
      await expect(collect(client.listSource("https://github.com/acme"))).rejects.toMatchObject({
        retry: false,
        status: 401,
      });
      expect(fake.counts.total).toBe(1);
    } finally {
      await fake.close();
    }
  });
});
