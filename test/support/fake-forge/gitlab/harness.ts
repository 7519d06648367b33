// A fake GitLab and a real GitLab client wired to it, on fake time (../fake-time.ts): tests never wait.
import {
  createGitlabClient,
  type GitlabClientOptions,
  resolveGitlabEndpoint,
} from "../../../../src/forges/gitlab/index.ts";
import type { ForgeClient, ListSourceOptions, RepositoryFacts } from "../../../../src/forges/types.ts";
import type { fixedClock } from "../../../../src/lib/clock.ts";
import { MemoryHostBudget } from "../../../../src/queue/host-budget/memory.ts";
import { collect, fakeTime } from "../fake-time.ts";
import { createPrng } from "../http.ts";
import { type FakeGitlab, type FakeGitlabOptions, startFakeGitlab } from "./server.ts";
import { FakeGitlabWorld } from "./world.ts";

export interface GitlabHarness {
  fake: FakeGitlab;
  client: ForgeClient;
  world: FakeGitlabWorld;
  clock: ReturnType<typeof fixedClock>;
  budget: MemoryHostBudget;
  /** Every wait asked of the fake sleep, in ms. */
  sleeps: number[];
  /** Lists a source and collects every repository. */
  list(path: string, options?: ListSourceOptions): Promise<RepositoryFacts[]>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Omit<FakeGitlabOptions, "world" | "now"> {
  world?: FakeGitlabWorld;
  client?: Partial<Omit<GitlabClientOptions, "endpoint" | "budget" | "clock" | "sleep">>;
  /** Tokens the client sends (default: the fake's valid `tokens`). */
  clientTokens?: string[];
}

export async function startGitlabHarness(options: HarnessOptions = {}): Promise<GitlabHarness> {
  const world = options.world ?? new FakeGitlabWorld();
  const { clock, sleeps, sleep } = fakeTime();
  const fake = await startFakeGitlab({ ...options, world, now: () => clock.now().getTime() });
  const budget = new MemoryHostBudget({ clock, sleep });
  const client = createGitlabClient({
    endpoint: resolveGitlabEndpoint(fake.webUrl, undefined, options.clientTokens ?? options.tokens ?? []),
    budget,
    clock,
    sleep,
    random: createPrng(7),
    ...options.client,
  });
  return {
    fake,
    client,
    world,
    clock,
    budget,
    sleeps,
    list: (path, listOptions) => collect(client.listSource(`${fake.webUrl}/${path}`, listOptions)),
    close: () => fake.close(),
  };
}

/** `known` as the harvester would pass it after storing the results of a crawl made at `checkedAt`. */
export function toKnown(repositories: RepositoryFacts[], checkedAt: string): ListSourceOptions["known"] {
  return new Map(
    repositories.map((r) => [
      r.forgeRepoId,
      { forgeRepoId: r.forgeRepoId, pushedAt: r.pushedAt, blobSha: r.publiccode?.blobSha ?? null, checkedAt },
    ]),
  );
}

export { collect };
