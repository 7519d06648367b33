// `clientFor(forge)` for the harvester: a ForgeClient per registered forge, all spending one host budget (in
// memory, or in Redis when REDIS_URL is set, so every worker process shares GitHub's 5,000 requests an hour).
import type { ForgeRow } from "../db/schema/index.ts";
import { createForgeClient } from "../forges/create-client.ts";
import type { HostBudget } from "../forges/host-budget.ts";
import type { ForgeClient } from "../forges/types.ts";

export interface ForgeClientFactoryOptions {
  budget: HostBudget;
  /** Where the forge rows' token variables are looked up (the process environment, passed in). */
  secrets: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch;
}

export function createClientFactory(options: ForgeClientFactoryOptions): (forge: ForgeRow) => ForgeClient {
  // A client per crawl: cheap to build, and a forge row edited between crawls (new token variable) is picked up.
  return (forge) =>
    createForgeClient(
      { kind: forge.kind, webUrl: forge.webUrl, apiUrl: forge.apiUrl, tokenEnv: forge.tokenEnv },
      {
        budget: options.budget,
        secrets: options.secrets,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
    );
}
