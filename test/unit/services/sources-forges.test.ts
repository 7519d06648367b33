import { describe, expect, it } from "vitest";
import { listChanges } from "../../../src/services/changes/index.ts";
import { ConflictError } from "../../../src/services/errors.ts";
import { addForge, getForgeByHost, listForges, matchForge } from "../../../src/services/forges/index.ts";
import {
  addSource,
  listSources,
  recordSourceCrawl,
  removeSource,
} from "../../../src/services/sources/index.ts";
import { makePublisher, uniqueSlug } from "../../support/factories.ts";
import { createTestStore } from "../../support/test-db.ts";

describe("addForge", () => {
  it.each([
    {
      name: "github.com",
      kind: "github" as const,
      url: "https://github.com",
      api: "https://api.github.com",
      graphql: "https://api.github.com/graphql",
    },
    {
      name: "GitHub Enterprise",
      kind: "github" as const,
      url: "https://ghe.example.org/",
      api: "https://ghe.example.org/api/v3",
      graphql: "https://ghe.example.org/api/graphql",
    },
    {
      name: "GitLab",
      kind: "gitlab" as const,
      url: "https://gitlab.example.org",
      api: "https://gitlab.example.org/api/v4",
      graphql: null,
    },
  ])("defaults the API URLs for $name", async ({ kind, url, api, graphql }) => {
    const { ctx } = createTestStore();
    const forge = await addForge({ ctx, input: { kind, url } });
    expect(forge).toMatchObject({ apiUrl: api, graphqlUrl: graphql });
  });

  it("keeps an explicit API URL and token variable", async () => {
    const { ctx } = createTestStore();
    const forge = await addForge({
      ctx,
      input: {
        kind: "gitlab",
        url: "https://git.example.org",
        apiUrl: "https://api.git.example.org/v4/",
        tokenEnv: "GIT_EXAMPLE_TOKEN",
      },
    });
    expect(forge).toMatchObject({
      apiUrl: "https://api.git.example.org/v4",
      tokenEnv: "GIT_EXAMPLE_TOKEN",
      host: "git.example.org",
    });
  });

  it("throws ConflictError for a second forge on the same host", async () => {
    const { ctx } = createTestStore();
    await addForge({ ctx, input: { kind: "github", url: "https://github.com" } });
    await expect(
      addForge({ ctx, input: { kind: "github", url: "http://www.github.com/" } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("links sources registered before the forge existed", async () => {
    const { ctx } = createTestStore();
    const publisher = await makePublisher(ctx, {
      codeHosting: [{ url: "https://gitlab.example.org/group" }],
    });
    const forge = await addForge({ ctx, input: { kind: "gitlab", url: "https://gitlab.example.org" } });
    const [source] = await listSources({ ctx, input: { publisherId: publisher.id } });
    expect(source?.forgeId).toBe(forge.id);
  });
});

describe("matchForge and getForgeByHost", () => {
  it("finds the forge hosting a repository URL in any spelling, null for unknown hosts", async () => {
    const { ctx } = createTestStore();
    const forge = await addForge({ ctx, input: { kind: "github", url: "https://github.com" } });
    expect((await matchForge({ ctx, input: { url: "git@github.com:org/repo.git" } }))?.id).toBe(forge.id);
    expect(await matchForge({ ctx, input: { url: "https://codeberg.org/org/repo" } })).toBeNull();
    expect((await getForgeByHost({ ctx, input: { host: "GitHub.com" } })).id).toBe(forge.id);
    expect((await listForges({ ctx, input: undefined })).map((f) => f.host)).toEqual(["github.com"]);
  });
});

describe("sources", () => {
  it("adds a source as a publisher update and is idempotent for the same URL", async () => {
    const { ctx } = createTestStore();
    const publisher = await makePublisher(ctx);
    const url = `https://github.com/${uniqueSlug("org")}`;
    await addSource({ ctx, input: { publisherId: publisher.id, url } });
    await addSource({ ctx, input: { publisherId: publisher.id, url: `${url}/` } });
    const sources = await listSources({ ctx, input: { publisherId: publisher.id } });
    expect(sources).toHaveLength(2);
    const actions = (await listChanges({ ctx, input: {} })).data.map((c) => c.action);
    expect(actions).toEqual(["create", "update"]);
  });

  it("removes a source and lists only the sources due for a crawl", async () => {
    const { ctx, clock } = createTestStore();
    const publisher = await makePublisher(ctx);
    const [first] = publisher.codeHosting;
    const second = await addSource({
      ctx,
      input: { publisherId: publisher.id, url: `https://gitlab.com/${uniqueSlug("g")}` },
    });
    await recordSourceCrawl({
      ctx,
      input: { id: second.id, error: "HTTP 502", nextCrawlAt: new Date(clock.now().getTime() + 3_600_000) },
    });
    const due = await listSources({ ctx, input: { dueAt: clock.now() } });
    expect(due.map((s) => s.id)).toEqual([first!.id]);
    await removeSource({ ctx, input: { id: first!.id } });
    const left = await listSources({ ctx, input: { publisherId: publisher.id } });
    expect(left.map((s) => [s.id, s.lastError])).toEqual([[second.id, "HTTP 502"]]);
  });
});
