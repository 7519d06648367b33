import { describe, expect, it } from "vitest";
import { NextLinkError, resolveNextPage } from "../../../src/forges/open-catalog-api/next-page.ts";

const endpoint = new URL("https://api.example.org/v1/software?page%5Bsize%5D=50&all=true");

describe("resolveNextPage", () => {
  it.each([
    {
      name: "a query string (developers-italia-api)",
      next: "?page[after]=WyIyMDIyIl0=",
      after: "WyIyMDIyIl0=",
    },
    { name: "a bare cursor (spec wording)", next: "WyIyMDIyIl0=", after: "WyIyMDIyIl0=" },
    { name: "a path-absolute reference", next: "/v1/software?page[after]=abc", after: "abc" },
    {
      name: "an absolute URL on the same endpoint",
      next: "https://api.example.org/v1/software?page[after]=abc",
      after: "abc",
    },
  ])("follows $name and keeps page size and all", ({ next, after }) => {
    const url = resolveNextPage(next, endpoint);
    expect(url.origin + url.pathname).toBe("https://api.example.org/v1/software");
    expect(url.searchParams.get("page[after]")).toBe(after);
    expect(url.searchParams.get("page[size]")).toBe("50");
    expect(url.searchParams.get("all")).toBe("true");
  });

  it.each([
    { name: "another host", next: "https://evil.example/v1/software?page[after]=x" },
    { name: "another path", next: "https://api.example.org/v1/publishers?page[after]=x" },
    { name: "a path elsewhere on the host", next: "/admin?x=1" },
    { name: "a javascript: URL", next: "javascript:alert(1)" },
  ])("refuses a link to $name", ({ next }) => {
    expect(() => resolveNextPage(next, endpoint)).toThrow(NextLinkError);
  });
});
