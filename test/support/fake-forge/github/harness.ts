// A fake GitHub and the real GitHub client wired to it, on fake time (../fake-time.ts): tests never wait.
import {
  createGithubClient,
  type GithubClientOptions,
  resolveGithubEndpoint,
} from "../../../../src/forges/github/index.ts";
import type { ForgeClient, ListSourceOptions, RepositoryFacts } from "../../../../src/forges/types.ts";
import type { fixedClock } from "../../../../src/lib/clock.ts";
import { MemoryHostBudget } from "../../../../src/queue/host-budget/memory.ts";
import { collect, fakeTime } from "../fake-time.ts";
import { createPrng } from "../http.ts";
import { type FakeGithub, type FakeGithubOptions, startFakeGithub } from "./server.ts";
import { GithubWorld } from "./world.ts";

export interface GithubHarness {
  fake: FakeGithub;
  client: ForgeClient;
  world: GithubWorld;
  clock: ReturnType<typeof fixedClock>;
  budget: MemoryHostBudget;
  /** The web URL sources live under: https://github.com, or the fake's own origin for Enterprise Server. */
  webUrl: string;
  /** Every wait asked of the fake sleep, in ms. */
  sleeps: number[];
  /** Lists `${webUrl}/${path}` and collects every repository. */
  list(path: string, options?: ListSourceOptions): Promise<RepositoryFacts[]>;
  close(): Promise<void>;
}

export interface GithubHarnessOptions extends Omit<FakeGithubOptions, "world" | "now" | "tokens"> {
  world?: GithubWorld;
  /** "dotcom": github.com URLs with the API pointed at the fake; "enterprise": GHES layout on the fake's origin. */
  layout?: "dotcom" | "enterprise";
  /** Tokens the client pools; the fake accepts exactly these (default: one token). */
  tokens?: Record<string, { limit?: number; remaining?: number }>;
  client?: Partial<Omit<GithubClientOptions, "endpoint" | "budget" | "clock" | "sleep">>;
}

export async function startGithubHarness(options: GithubHarnessOptions = {}): Promise<GithubHarness> {
  const world = options.world ?? new GithubWorld();
  const tokens = options.tokens ?? { "ghp-test-token": {} };
  const { clock, sleeps, sleep } = fakeTime();
  const { layout: _layout, client: _client, ...fakeOptions } = options;
  const fake = await startFakeGithub({ ...fakeOptions, world, tokens, now: () => clock.now() });
  const enterprise = options.layout === "enterprise";
  const webUrl = enterprise ? fake.enterpriseWebUrl : "https://github.com";
  const endpoint = resolveGithubEndpoint(webUrl, enterprise ? undefined : fake.apiUrl, Object.keys(tokens));
  const budget = new MemoryHostBudget({ clock, sleep });
  const client = createGithubClient({
    endpoint,
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
    webUrl,
    sleeps,
    list: (path, listOptions) => collect(client.listSource(`${webUrl}/${path}`, listOptions)),
    close: () => fake.close(),
  };
}

/** `known` as the harvester would pass it after storing a crawl's results. */
export function toKnown(repositories: RepositoryFacts[]): ListSourceOptions["known"] {
  return new Map(
    repositories.map((r) => [
      r.forgeRepoId,
      { forgeRepoId: r.forgeRepoId, pushedAt: r.pushedAt, blobSha: r.publiccode?.blobSha ?? null },
    ]),
  );
}

export { collect };
