import { Octokit } from "octokit";
import { afterEach, describe, expect, it } from "vitest";
import {
  GET_NODE_QUERY,
  GET_REPOSITORY_QUERY,
  LIST_REPOSITORIES_QUERY,
} from "../../../../src/forges/github/queries.ts";
import { type FakeGithub, startFakeGithub } from "../../../support/fake-forge/github/index.ts";
import { parseAndValidate } from "../../../support/fake-forge/github/schema.ts";
import { GithubWorld } from "../../../support/fake-forge/github/world.ts";

const TOKEN = "ghp-fake";

async function graphql(fake: FakeGithub, body: string, token = TOKEN) {
  const res = await fetch(fake.graphqlUrl, {
    method: "POST",
    headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

describe("fake GitHub", () => {
  let fake: FakeGithub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("accepts the client's queries under GitHub's published schema", () => {
    for (const query of [LIST_REPOSITORIES_QUERY, GET_REPOSITORY_QUERY, GET_NODE_QUERY]) {
      expect(parseAndValidate(query)).toMatchObject({ ok: true });
    }
  });

  it("rejects a query with an unknown field the GitHub way: HTTP 200, errors with code undefinedField", async () => {
    fake = await startFakeGithub({ world: new GithubWorld(), tokens: { [TOKEN]: {} } });

    const res = await graphql(fake, JSON.stringify({ query: '{ repositoryOwner(login: "x") { stars } }' }));

    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      errors: [
        {
          message: "Field 'stars' doesn't exist on type 'RepositoryOwner'",
          locations: [{ line: 1, column: 33 }],
          extensions: { code: "undefinedField", typeName: "RepositoryOwner", fieldName: "stars" },
        },
      ],
    });
  });

  it("rejects a missing required argument and over-wide pages, and answers 400 to unparsable JSON", async () => {
    fake = await startFakeGithub({ world: new GithubWorld(), tokens: { [TOKEN]: {} } });
    fake.world.addRepository("acme/app");

    const missing = await graphql(fake, JSON.stringify({ query: "{ repositoryOwner { login } }" }));
    const wide = await graphql(
      fake,
      JSON.stringify({
        query: '{ repositoryOwner(login: "acme") { repositories(first: 101) { totalCount } } }',
      }),
    );
    const broken = await graphql(fake, "{not json");

    expect(missing.json.errors).toMatchObject([{ extensions: { code: "missingRequiredArguments" } }]);
    expect(wide.json.errors).toMatchObject([{ type: "EXCESSIVE_PAGINATION" }]);
    expect(broken.status).toBe(400);
  });

  it("sends rate-limit headers, refuses unknown tokens and GraphQL without a token", async () => {
    fake = await startFakeGithub({
      world: new GithubWorld(),
      tokens: { [TOKEN]: { limit: 5000, remaining: 10 } },
    });
    const query = JSON.stringify({ query: "{ rateLimit { remaining } }" });

    const ok = await graphql(fake, query);
    const bad = await graphql(fake, query, "wrong");
    const anonymous = await fetch(fake.graphqlUrl, { method: "POST", body: query });

    expect(ok.json).toEqual({ data: { rateLimit: { remaining: 9 } } });
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("9");
    expect(ok.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(bad.status).toBe(401);
    expect(anonymous.status).toBe(401);
  });

  it("paginates REST repository lists with Link headers and answers 304 to a matching ETag", async () => {
    const world = new GithubWorld();
    for (let i = 0; i < 5; i++) world.addRepository(`acme/r${i}`);
    fake = await startFakeGithub({ world, tokens: { [TOKEN]: {} } });
    const octokit = new Octokit({
      auth: TOKEN,
      baseUrl: fake.apiUrl,
      throttle: { enabled: false },
      retry: { enabled: false },
    });

    const all = await octokit.paginate("GET /orgs/{org}/repos", { org: "acme", per_page: 2 });
    const first = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "r0" });
    const conditional = octokit.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "r0",
      headers: { "if-none-match": first.headers.etag },
    });

    expect(all.map((r) => r.full_name)).toEqual(["acme/r0", "acme/r1", "acme/r2", "acme/r3", "acme/r4"]);
    expect(fake.counts.byKind["rest:list"]).toBe(3);
    await expect(conditional).rejects.toMatchObject({ status: 304 });
  });

  it("answers 404 with GitHub's body for an unknown repository", async () => {
    fake = await startFakeGithub({ world: new GithubWorld(), tokens: { [TOKEN]: {} } });

    const res = await fetch(`${fake.apiUrl}/repos/acme/nope`, {
      headers: { authorization: `token ${TOKEN}` },
    });

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: "Not Found", documentation_url: expect.any(String) });
  });
});
