// A reproducible GitLab world of any size, for crawl benchmarks and load tests: top-level groups, each with a
// chain of nested subgroups, projects spread over every level, a seeded share of them holding a publiccode.yml.
import { createPrng } from "../http.ts";
import { FakeGitlabWorld } from "./world.ts";

export interface SyntheticGitlabWorldOptions {
  topGroups: number;
  /** Subgroup levels below each top-level group (0: projects sit in the top-level group only). */
  depth: number;
  projectsPerGroup: number;
  /** Share of projects with a publiccode.yml, 0..1. */
  fileRatio: number;
  seed?: number;
}

export function buildSyntheticGitlabWorld(options: SyntheticGitlabWorldOptions): FakeGitlabWorld {
  const random = createPrng(options.seed ?? 1);
  const world = new FakeGitlabWorld();
  for (let g = 0; g < options.topGroups; g++) {
    let group = world.addGroup(`group-${g}`);
    // Projects spread over the levels: one share per level, the rest in the deepest one.
    const perLevel = Math.floor(options.projectsPerGroup / (options.depth + 1));
    for (let level = 0; level <= options.depth; level++) {
      const count = level === options.depth ? options.projectsPerGroup - perLevel * options.depth : perLevel;
      for (let p = 0; p < count; p++) {
        const files: Record<string, string> =
          random() < options.fileRatio
            ? { "publiccode.yml": `publiccodeYmlVersion: "0.4"\nname: ${group.path}-${level}-${p}\n` }
            : {};
        world.addProject({
          path: `project-${level}-${p}`,
          namespace: { kind: "group", id: group.id },
          files,
        });
      }
      if (level < options.depth) group = world.addGroup(`level-${level + 1}`, group);
    }
  }
  return world;
}
