import { describe, expect, it } from "vitest";
import { toProjectFacts } from "../../../../src/forges/gitlab/project-facts.ts";

describe("toProjectFacts", () => {
  const base = {
    id: 42,
    path_with_namespace: "g/p",
    web_url: "https://gitlab.example.org/g/p",
    default_branch: "develop",
    last_activity_at: "2026-02-03T04:05:06.000Z",
  };

  it("uses the project id as the stable id and last_activity_at as the push time", () => {
    expect(toProjectFacts({ ...base, visibility: "public" })).toMatchObject({
      kind: "gitlab",
      forgeRepoId: "42",
      url: base.web_url,
      fullPath: "g/p",
      defaultBranch: "develop",
      pushedAt: base.last_activity_at,
      isPrivate: false,
      isFork: false,
    });
  });

  it.each([
    { name: "internal visibility", extra: { visibility: "internal" }, expected: { isPrivate: true } },
    { name: "private visibility", extra: { visibility: "private" }, expected: { isPrivate: true } },
    {
      name: "a disabled repository",
      extra: { repository_access_level: "disabled" },
      expected: { isDisabled: true },
    },
    {
      name: "an empty repository",
      extra: { empty_repo: true, default_branch: null },
      expected: { isEmpty: true, defaultBranch: null },
    },
    { name: "an archived project", extra: { archived: true }, expected: { isArchived: true } },
    {
      name: "a fork",
      extra: { forked_from_project: { web_url: "https://gitlab.example.org/up/p" } },
      expected: { isFork: true, forkParentUrl: "https://gitlab.example.org/up/p" },
    },
  ])("maps $name", ({ extra, expected }) => {
    expect(toProjectFacts({ ...base, ...extra })).toMatchObject(expected);
  });
});
