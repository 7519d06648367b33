// The harvester wired end to end for tests: an in-memory store, a fake GitHub on 127.0.0.1 and the real client
// built by createForgeClient from the registered forge row, all on one fixed clock. Rate-limit waits go through
// a fake sleep that records them and moves the clock, so no test waits for real.

import type { ForgeRow } from "../../../../src/db/schema/index.ts";
import { createForgeClient } from "../../../../src/forges/create-client.ts";
import type { ForgeClient } from "../../../../src/forges/types.ts";
import { MemoryHostBudget } from "../../../../src/queue/host-budget/memory.ts";
import { addForge } from "../../../../src/services/forges/index.ts";
import { type CrawlSummary, crawlSource } from "../../../../src/services/harvest/index.ts";
import { createPublisher } from "../../../../src/services/publishers/index.ts";
import { type FakeGithub, GithubWorld, startFakeGithub } from "../../../support/fake-forge/github/index.ts";
import { createPrng, type FaultOptions } from "../../../support/fake-forge/http.ts";
import { createHarvestStore, type HarvestStore } from "./store.ts";

export interface GithubHarvest extends HarvestStore {
  fake: FakeGithub;
  world: GithubWorld;
  forge: ForgeRow;
  client: ForgeClient;
  sleeps: number[];
  /** Registers a publisher whose one source is the organisation `login`; returns both ids. */
  addPublisher(login: string): Promise<{ publisherId: string; sourceId: string }>;
  /** Crawls the given sources (default: every source added so far), one after the other. */
  crawl(sourceIds?: string[]): Promise<CrawlSummary[]>;
  close(): Promise<void>;
}

export async function startGithubHarvest(
  options: { world?: GithubWorld; faults?: FaultOptions; pageSizeCap?: number } = {},
): Promise<GithubHarvest> {
  const store = createHarvestStore();
  const { clock, ctx } = store;
  const world = options.world ?? new GithubWorld();
  const fake = await startFakeGithub({
    world,
    tokens: { "ghp-harvest": { limit: 1_000_000 } },
    now: () => clock.now(),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.pageSizeCap ? { pageSizeCap: options.pageSizeCap } : {}),
  });
  const forge = await addForge({
    ctx,
    input: { kind: "github", url: "https://github.com", apiUrl: fake.apiUrl, tokenEnv: "GH_TOKENS" },
  });
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const client = createForgeClient(forge, {
    secrets: { GH_TOKENS: "ghp-harvest" },
    budget: new MemoryHostBudget({ clock, sleep }),
    clock,
    sleep,
    random: createPrng(11),
  });
  const sources: string[] = [];

  return {
    ...store,
    fake,
    world,
    forge,
    client,
    sleeps,
    async addPublisher(login) {
      world.addOwner(login);
      const publisher = await createPublisher({
        ctx,
        input: { name: `Publisher ${login}`, codeHosting: [{ url: `https://github.com/${login}` }] },
      });
      const sourceId = publisher.codeHosting[0]!.id;
      sources.push(sourceId);
      return { publisherId: publisher.id, sourceId };
    },
    async crawl(sourceIds = sources) {
      const summaries: CrawlSummary[] = [];
      for (const sourceId of sourceIds) {
        summaries.push(await crawlSource({ ctx, input: { sourceId }, deps: { clientFor: () => client } }));
      }
      return summaries;
    },
    async close() {
      await fake.close();
      store.handle.close();
    },
  };
}
