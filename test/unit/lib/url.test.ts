import { describe, expect, it } from "vitest";
import { canonicalUrl, hostOf, InvalidUrlError, isSameUrl } from "../../../src/lib/url.ts";

describe("canonicalUrl", () => {
  it.each([
    {
      name: "http becomes https",
      input: "http://github.com/org/repo",
      expected: "https://github.com/org/repo",
    },
    {
      name: "host is lower-cased",
      input: "https://GitHub.COM/Org/Repo",
      expected: "https://github.com/Org/Repo",
    },
    { name: "www. is dropped", input: "https://www.example.org/a", expected: "https://example.org/a" },
    {
      name: "trailing slash is dropped",
      input: "https://github.com/org/repo/",
      expected: "https://github.com/org/repo",
    },
    {
      name: "several trailing slashes",
      input: "https://github.com/org///",
      expected: "https://github.com/org",
    },
    {
      name: ".git suffix is dropped",
      input: "https://github.com/org/repo.git",
      expected: "https://github.com/org/repo",
    },
    {
      name: ".git then slash",
      input: "https://github.com/org/repo.git/",
      expected: "https://github.com/org/repo",
    },
    { name: "default https port", input: "https://gitlab.com:443/g/p", expected: "https://gitlab.com/g/p" },
    { name: "default http port", input: "http://gitlab.com:80/g/p", expected: "https://gitlab.com/g/p" },
    {
      name: "other ports are kept",
      input: "https://git.example.org:8443/g/p",
      expected: "https://git.example.org:8443/g/p",
    },
    {
      name: "fragment is dropped",
      input: "https://github.com/org/repo#readme",
      expected: "https://github.com/org/repo",
    },
    { name: "query is kept", input: "https://example.org/x?id=3", expected: "https://example.org/x?id=3" },
    {
      name: "userinfo is dropped",
      input: "https://user:secret@github.com/org/repo",
      expected: "https://github.com/org/repo",
    },
    { name: "root URL has no slash", input: "https://github.com/", expected: "https://github.com" },
    {
      name: "duplicate slashes collapse",
      input: "https://gitlab.com/group//sub/project",
      expected: "https://gitlab.com/group/sub/project",
    },
    {
      name: "scp-like git remote",
      input: "git@github.com:org/repo.git",
      expected: "https://github.com/org/repo",
    },
    {
      name: "ssh URL loses its port",
      input: "ssh://git@gitlab.example.org:2222/g/r.git",
      expected: "https://gitlab.example.org/g/r",
    },
    {
      name: "surrounding whitespace",
      input: "  https://github.com/org/repo \n",
      expected: "https://github.com/org/repo",
    },
    { name: "trailing dot in host", input: "https://github.com./org", expected: "https://github.com/org" },
    {
      name: "path case is kept",
      input: "https://github.com/ItaliaGov/Repo",
      expected: "https://github.com/ItaliaGov/Repo",
    },
  ])("$name", ({ input, expected }) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it("is idempotent on its own output", () => {
    const once = canonicalUrl("http://www.GitHub.com:80/Org/Repo.git/#x");
    expect(canonicalUrl(once)).toBe(once);
  });

  it.each([
    "",
    "not a url",
    "mailto:someone@example.org",
    "ftp://example.org/file",
    "/relative/path",
    "https://",
  ])("throws InvalidUrlError for %j", (input) => {
    expect(() => canonicalUrl(input)).toThrow(InvalidUrlError);
  });
});

describe("hostOf", () => {
  it("returns the canonical host", () => {
    expect(hostOf("http://www.GitHub.com/org")).toBe("github.com");
  });

  it("keeps a non-default port", () => {
    expect(hostOf("https://git.example.org:8443/x")).toBe("git.example.org:8443");
  });
});

describe("isSameUrl", () => {
  it("is true for two spellings of the same repository", () => {
    expect(isSameUrl("git@github.com:org/repo.git", "https://www.github.com/org/repo/")).toBe(true);
  });

  it("is false for different repositories or non-URLs", () => {
    expect(isSameUrl("https://github.com/org/a", "https://github.com/org/b")).toBe(false);
    expect(isSameUrl("nonsense", "https://github.com/org/b")).toBe(false);
  });
});
