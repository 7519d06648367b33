// Worlds for tests and benchmarks: fixture files copied under test/fixtures/forges/github, the shared corpus when
// it is present, and seeded synthetic worlds of any size (500 organisations × 100 repositories for the crawl
// benchmark). Same seed, same world: benchmarks compare like with like.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createPrng } from "../http.ts";
import { GithubWorld } from "./world.ts";

const FIXTURES = new URL("../../../fixtures/forges/github/", import.meta.url);
const SHARED_CORPUS = "/work/shared/corpus/real";

/** The bytes of a file under test/fixtures/forges/github (see SOURCE.md there). */
export function readGithubFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

export function listGithubFixtures(): string[] {
  return readdirSync(FIXTURES).filter((f) => /\.ya?ml$/.test(f));
}

/**
 * The shared corpus's real files as {repo, path, bytes}, or null when the corpus is absent (tests then skip).
 * @param dir defaults to /work/shared/corpus/real
 */
export function readCorpus(dir = SHARED_CORPUS): { repo: string; path: string; bytes: Uint8Array }[] | null {
  const manifest = join(dir, "MANIFEST.tsv");
  if (!existsSync(manifest)) return null;
  const rows = readFileSync(manifest, "utf8").trim().split("\n").slice(1);
  return rows.map((row) => {
    const [file = "", repo = "", path = ""] = row.split("\t");
    return { repo, path, bytes: new Uint8Array(readFileSync(join(dir, file))) };
  });
}

/** A world holding the given real files, one repository each, at their real owner/name and path. */
export function buildWorldFromFiles(files: { repo: string; path: string; bytes: Uint8Array }[]): GithubWorld {
  const world = new GithubWorld();
  for (const f of files) {
    if (world.findRepository(f.repo)) continue;
    world.addRepository(f.repo, { files: new Map([[f.path, f.bytes]]) });
  }
  return world;
}

/** The UTF-8 fixtures: a re-crawl of a synthetic world then needs no REST fallback unless a test adds one. */
function defaultContents(): Uint8Array[] {
  const strict = new TextDecoder("utf-8", { fatal: true });
  return listGithubFixtures()
    .map(readGithubFixture)
    .filter((bytes) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    });
}

export interface SyntheticWorldOptions {
  orgs: number;
  reposPerOrg: number;
  /** Share of repositories (0..1) with a publiccode file. */
  fileRatio: number;
  seed: number;
  /** File contents to draw from; defaults to the UTF-8 fixtures. Each copy gets a unique line so blob shas differ. */
  contents?: Uint8Array[];
}

/**
 * Organisations `org-0001`… with repositories `repo-00001`…; about 5% forks, 3% archived, 1% empty, a fifth
 * of the files spelled publiccode.yaml. Deterministic for a given seed.
 */
export function buildSyntheticWorld(options: SyntheticWorldOptions): GithubWorld {
  const random = createPrng(options.seed);
  const contents = options.contents ?? defaultContents();
  const world = new GithubWorld();
  for (let o = 1; o <= options.orgs; o++) {
    const org = `org-${String(o).padStart(4, "0")}`;
    world.addOwner(org, "Organization");
    for (let r = 1; r <= options.reposPerOrg; r++) {
      const name = `repo-${String(r).padStart(5, "0")}`;
      const roll = random();
      const empty = random() < 0.01;
      const files = new Map<string, Uint8Array>();
      if (!empty) files.set("README.md", new TextEncoder().encode(`# ${name}\n`));
      if (!empty && random() < options.fileRatio && contents.length > 0) {
        const base = contents[Math.floor(random() * contents.length)]!;
        const path = random() < 0.2 ? "publiccode.yaml" : "publiccode.yml";
        files.set(path, Buffer.concat([base, Buffer.from(`\n# ${org}/${name}\n`)]));
      }
      world.addRepository(`${org}/${name}`, {
        isFork: roll < 0.05,
        parent: roll < 0.05 ? "upstream/original" : null,
        isArchived: roll >= 0.05 && roll < 0.08,
        files,
      });
    }
  }
  return world;
}
