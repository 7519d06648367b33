import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RepositoryFacts } from "../../../../src/forges/types.ts";
import {
  buildWorldFromFiles,
  type GithubHarness,
  readCorpus,
  startGithubHarness,
} from "../../../support/fake-forge/github/index.ts";

// The shared corpus of real publiccode files (/work/shared/corpus/real); skipped where it is absent. GitHub
// logins are case-insensitive (the corpus has both 4Science and 4science), so lookups ignore case.
const corpus = readCorpus();

describe.skipIf(!corpus)("GitHub client over the real corpus", () => {
  let h: GithubHarness;
  const found = new Map<string, RepositoryFacts>();

  beforeAll(async () => {
    h = await startGithubHarness({ world: buildWorldFromFiles(corpus!) });
    for (const owner of h.world.owners.values()) {
      for await (const repo of h.client.listSource(`${h.webUrl}/${owner.login}`))
        found.set(repo.fullPath.toLowerCase(), repo);
    }
  });
  afterAll(() => h?.close());

  it("returns every real file with its exact bytes, odd encodings included", () => {
    const seen = new Set<string>();
    for (const file of corpus!) {
      if (seen.has(file.repo.toLowerCase())) continue;
      seen.add(file.repo.toLowerCase());
      const repo = found.get(file.repo.toLowerCase());
      expect(repo?.publiccode?.path, file.repo).toBe(file.path);
      expect(Buffer.from(repo!.publiccode!.bytes).equals(Buffer.from(file.bytes)), file.repo).toBe(true);
    }
    expect(found.size).toBe(seen.size);
  });

  it("costs one listing request per owner page, plus one REST fetch per file GraphQL text cannot carry", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    const undecodable = [...found.values()].filter((r) => {
      try {
        strict.decode(r.publiccode!.bytes);
        return false;
      } catch {
        return true;
      }
    });
    expect(h.fake.counts.byKind.graphql).toBe(h.world.owners.size);
    expect(h.fake.counts.byKind["rest:blob"] ?? 0).toBe(undecodable.length);
  });
});
