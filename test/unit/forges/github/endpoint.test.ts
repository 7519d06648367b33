import { describe, expect, it } from "vitest";
import {
  budgetKey,
  parseGithubSourceUrl,
  resolveGithubEndpoint,
} from "../../../../src/forges/github/endpoint.ts";

describe("resolveGithubEndpoint", () => {
  it("maps github.com to api.github.com and its /graphql", () => {
    expect(resolveGithubEndpoint("https://github.com/", undefined, ["t"])).toEqual({
      kind: "github",
      webUrl: "https://github.com",
      apiUrl: "https://api.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      tokens: ["t"],
    });
  });

  it("maps any other host to the Enterprise Server layout", () => {
    expect(resolveGithubEndpoint("https://ghe.example.org")).toMatchObject({
      webUrl: "https://ghe.example.org",
      apiUrl: "https://ghe.example.org/api/v3",
      graphqlUrl: "https://ghe.example.org/api/graphql",
    });
  });

  it("derives the GraphQL URL from an explicit API URL", () => {
    expect(resolveGithubEndpoint("https://github.com", "http://127.0.0.1:9/").graphqlUrl).toBe(
      "http://127.0.0.1:9/graphql",
    );
    expect(
      resolveGithubEndpoint("https://ghe.example.org", "https://api.example.org/api/v3").graphqlUrl,
    ).toBe("https://api.example.org/api/graphql");
  });
});

describe("parseGithubSourceUrl", () => {
  const dotcom = resolveGithubEndpoint("https://github.com");
  const ghes = resolveGithubEndpoint("https://ghe.example.org");

  it.each([
    { url: "https://github.com/acme", expected: { owner: "acme" } },
    { url: "https://github.com/acme/", expected: { owner: "acme" } },
    { url: "https://www.github.com/acme/app", expected: { owner: "acme", name: "app" } },
    { url: "https://github.com/acme/app.git", expected: { owner: "acme", name: "app" } },
    { url: "https://github.com/acme/app/tree/main/docs", expected: { owner: "acme", name: "app" } },
  ])("reads $url", ({ url, expected }) => {
    expect(parseGithubSourceUrl(url, dotcom)).toEqual(expected);
  });

  it("reads sources on an Enterprise Server host", () => {
    expect(parseGithubSourceUrl("https://ghe.example.org/dept/tool", ghes)).toEqual({
      owner: "dept",
      name: "tool",
    });
  });

  it.each(["https://gitlab.com/acme", "https://github.com/", "not a url", "https://ghe.example.org/x"])(
    "refuses %s on github.com with a non-retryable ForgeError",
    (url) => {
      expect(() => parseGithubSourceUrl(url, dotcom)).toThrow(
        expect.objectContaining({ name: "ForgeError", retry: false }),
      );
    },
  );

  it("keys budgets by API host and token index", () => {
    expect(budgetKey(dotcom, 2)).toBe("api.github.com#2");
    expect(budgetKey(ghes, null)).toBe("ghe.example.org#anonymous");
  });
});
