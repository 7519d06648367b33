import { describe, expect, it } from "vitest";
import { resolveGitlabEndpoint, toNamespacePath } from "../../../../src/forges/gitlab/endpoint.ts";

describe("resolveGitlabEndpoint", () => {
  it("puts the API at WEB_URL/api/v4 by default, also under a relative URL", () => {
    expect(resolveGitlabEndpoint("https://gitlab.example.org/").apiUrl).toBe(
      "https://gitlab.example.org/api/v4",
    );
    expect(resolveGitlabEndpoint("https://example.org/gitlab").apiUrl).toBe(
      "https://example.org/gitlab/api/v4",
    );
  });

  it("keeps an explicit API URL and the tokens", () => {
    const endpoint = resolveGitlabEndpoint("https://gitlab.com", "https://api.example/v4/", ["t"]);
    expect(endpoint).toEqual({
      kind: "gitlab",
      webUrl: "https://gitlab.com",
      apiUrl: "https://api.example/v4",
      tokens: ["t"],
    });
  });
});

describe("toNamespacePath", () => {
  const endpoint = resolveGitlabEndpoint("https://gitlab.example.org");

  it.each([
    { name: "instance root", url: "https://gitlab.example.org/", path: "" },
    { name: "nested group", url: "https://gitlab.example.org/group/sub/", path: "group/sub" },
    { name: "old groups/ URL", url: "https://gitlab.example.org/groups/group/sub", path: "group/sub" },
    { name: "project .git URL", url: "https://gitlab.example.org/group/project.git", path: "group/project" },
    { name: "project tree page", url: "https://gitlab.example.org/g/p/-/tree/main/docs", path: "g/p" },
    { name: "host in upper case", url: "https://GitLab.Example.org/g", path: "g" },
  ])("reads the $name", ({ url, path }) => {
    expect(toNamespacePath(endpoint, url)).toBe(path);
  });

  it("strips the relative URL root of an instance installed under a path", () => {
    const sub = resolveGitlabEndpoint("https://example.org/gitlab");
    expect(toNamespacePath(sub, "https://example.org/gitlab/team/app")).toBe("team/app");
  });

  it.each([
    { name: "another host", url: "https://gitlab.com/group" },
    {
      name: "outside the relative root",
      url: "https://example.org/other/group",
      webUrl: "https://example.org/gitlab",
    },
    { name: "a non-URL", url: "group/project" },
  ])("rejects $name without retry", ({ url, webUrl }) => {
    const target = webUrl ? resolveGitlabEndpoint(webUrl) : endpoint;
    expect(() => toNamespacePath(target, url)).toThrow(
      expect.objectContaining({ name: "ForgeError", retry: false }),
    );
  });
});
