import { describe, expect, it } from "vitest";
import type { RepositoryRow } from "../../../src/db/schema/index.ts";
import type { RepositoryFacts } from "../../../src/forges/types.ts";
import { classifyRepository, isTechnicalFork, isUnderSource } from "../../../src/services/harvest/index.ts";

const facts = (over: Partial<RepositoryFacts> = {}): RepositoryFacts => ({
  kind: "github",
  forgeRepoId: "R_1",
  url: "https://github.com/acme/app",
  fullPath: "acme/app",
  defaultBranch: "main",
  isFork: false,
  forkParentUrl: null,
  isArchived: false,
  isPrivate: false,
  isDisabled: false,
  isEmpty: false,
  pushedAt: "2026-05-01T10:00:00Z",
  publiccode: { path: "publiccode.yml", blobSha: "a".repeat(40), bytes: new Uint8Array([1]) },
  ...over,
});

const known = (over: Partial<RepositoryRow> = {}): RepositoryRow => ({
  id: "repo-1",
  forgeId: "forge-1",
  forgeRepoId: "R_1",
  url: "https://github.com/acme/app",
  defaultBranch: "main",
  isFork: false,
  isArchived: false,
  isPrivate: false,
  isEmpty: false,
  pushedAt: new Date("2026-05-01T10:00:00Z"),
  lastSeenAt: new Date("2026-05-02T00:00:00Z"),
  publiccodeBlobSha: "a".repeat(40),
  publiccodePath: "publiccode.yml",
  sourceId: "source-1",
  createdAt: new Date("2026-05-02T00:00:00Z"),
  updatedAt: new Date("2026-05-02T00:00:00Z"),
  ...over,
});

describe("classifyRepository", () => {
  it.each([
    { name: "same facts and blob", k: known(), f: facts(), expected: "unchanged" },
    {
      name: "same repository reported as http:// with a slash",
      k: known(),
      f: facts({ url: "http://github.com/acme/app/" }),
      expected: "unchanged",
    },
    {
      name: "a lister that skipped the unchanged file",
      k: known(),
      f: facts({
        publiccode: { path: "publiccode.yml", blobSha: "a".repeat(40), bytes: new Uint8Array() },
        publiccodeNotModified: true,
      }),
      expected: "unchanged",
    },
    {
      name: "a new blob",
      k: known(),
      f: facts({
        publiccode: { path: "publiccode.yml", blobSha: "b".repeat(40), bytes: new Uint8Array([2]) },
      }),
      expected: "file",
    },
    { name: "a first sighting with a file", k: undefined, f: facts(), expected: "file" },
    {
      name: "a first sighting without a file",
      k: undefined,
      f: facts({ publiccode: null }),
      expected: "facts",
    },
    { name: "the file gone", k: known(), f: facts({ publiccode: null }), expected: "file-removed" },
    { name: "a rename", k: known(), f: facts({ url: "https://github.com/acme/app-2" }), expected: "facts" },
    { name: "an archival", k: known(), f: facts({ isArchived: true }), expected: "facts" },
    {
      name: "a push that left the file alone",
      k: known(),
      f: facts({ pushedAt: "2026-05-03T00:00:00Z" }),
      expected: "facts",
    },
  ])("returns $expected for $name", ({ k, f, expected }) => {
    expect(classifyRepository(k, f)).toBe(expected);
  });
});

describe("isTechnicalFork", () => {
  const own = ["https://github.com/acme/fork"];
  it.each([
    {
      name: "a forge fork naming its upstream",
      declared: "https://github.com/acme/app",
      fork: true,
      catalogued: false,
      expected: true,
    },
    {
      name: "a copy naming catalogued software",
      declared: "https://github.com/acme/app",
      fork: false,
      catalogued: true,
      expected: true,
    },
    {
      name: "a variant naming itself",
      declared: "https://github.com/acme/fork",
      fork: true,
      catalogued: false,
      expected: false,
    },
    {
      name: "a non-fork with a stale url nobody claims",
      declared: "https://github.com/old/name",
      fork: false,
      catalogued: false,
      expected: false,
    },
    { name: "a file without url", declared: null, fork: true, catalogued: false, expected: false },
  ])("is $expected for $name", ({ declared, fork, catalogued, expected }) => {
    expect(
      isTechnicalFork({
        declaredUrl: declared,
        ownUrls: own,
        forgeSaysFork: fork,
        declaredUrlIsCatalogued: catalogued,
      }),
    ).toBe(expected);
  });
});

describe("isUnderSource", () => {
  it("accepts the source itself and anything below it, in any URL spelling", () => {
    expect(
      isUnderSource("http://gitlab.example.org/region/sub/app", "https://gitlab.example.org/region"),
    ).toBe(true);
    expect(isUnderSource("https://github.com/acme/app", "https://github.com/acme/app")).toBe(true);
  });

  it("rejects a sibling whose name merely starts like the source", () => {
    expect(isUnderSource("https://github.com/acme-two/app", "https://github.com/acme")).toBe(false);
  });
});
